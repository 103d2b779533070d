import { ParentClosePolicy, patched, startChild, upsertSearchAttributes } from '@temporalio/workflow';
import {
  CERTIFICATE_LIFECYCLE_WORKFLOW,
  certificateLifecycleId,
  certificateSupersededSignal,
  noticeKey,
  SA_STARS,
  waitingStageFor,
  type SessionResultSignal,
} from '@ocop/contracts';
import { certificateSchedule, levelOutcome, type LevelName } from '@ocop/domain';
import { activities } from '../support/activities';
import { inboxNotice } from '../support/notices';
import { signalIfRunning, type Journey } from './journey';
import { labTestComesFirst } from './lab-testing';

const SCORED_EVENT = {
  district: 'DistrictScored',
  province: 'ProvinceScored',
  central: 'CentralScored',
  commune: 'CommuneChecked',
} as const;

/** Histories recorded before a forwarded product went straight to lab testing keep their recorded stages. */
const LAB_BEFORE_WAITING_PATCH = 'lab-before-waiting-stage-2026-11';
/** Histories recorded before nominees held the province's certificate while the centre decides. */
const NOMINEE_CERTIFICATE_PATCH = 'nominee-holds-provincial-certificate-2026-12';
/** Histories recorded before a nominee keeping its 4★ recorded the centre's score with the stage it ends in. */
const KEPT_STARS_STAGE_PATCH = 'kept-stars-recorded-certified-2026-12';

/**
 * What a council's score means at `level` under the journey's rule set: not qualified, forwarded to the next
 * level, or stars recognised here (and a certificate). Returns the level the product goes to next, if any.
 */
export async function applyLevelResult(j: Journey, level: LevelName, result: SessionResultSignal): Promise<LevelName | undefined> {
  const { input, state } = j;
  const outcome = levelOutcome(
    input.ruleSet,
    level,
    result.mean!,
    result.totals?.map((t) => t.total),
  );
  const scored = {
    level,
    sessionId: result.sessionId,
    mean: result.mean,
    stars: outcome.stars,
    totals: result.totals,
    perPartMean: result.perPartMean,
    outcome: outcome.kind,
  };
  state.results.push({ ...scored, mean: result.mean!, totals: result.totals ?? [] });
  const scoredNotice = inboxNotice(noticeKey(j.workflowId, 'product-scored', level), j.producerInbox, 'product-scored', {
    productName: input.name,
    level,
    mean: result.mean,
    stars: outcome.stars,
  });
  switch (outcome.kind) {
    case 'not_qualified':
      j.stop('not_qualified', `mean ${result.mean} at ${level}`);
      await j.record(SCORED_EVENT[level], { ...scored, sessionId: null, reason: state.reason }, 'system:council', [scoredNotice]);
      return undefined;
    case 'forwarded': {
      // A nominee (QĐ 1048, 1489: ≥ 90 at the province) is recognised here at once — certificate and all,
      // "tiềm năng 5 sao" — and then waits for the centre, whose result can only raise it.
      if (outcome.provisionalStars !== undefined && patched(NOMINEE_CERTIFICATE_PATCH)) {
        j.moveTo(waitingStageFor(outcome.to));
        state.sessionId = undefined;
        const forwarded = { forwardedTo: outcome.to, provisionalStars: outcome.provisionalStars, nominated: true };
        await j.record(SCORED_EVENT[level], { ...scored, sessionId: null, ...forwarded }, 'system:council', [scoredNotice]);
        await certify(j, level, outcome.provisionalStars, { nominee: true });
        return outcome.to;
      }
      // When lab testing must come first, the score is recorded as sending the product to the lab (requested on
      // the loop's next turn): shown as awaiting the next session meanwhile, it could be entered in one it ignores.
      const labFirst = labTestComesFirst(j, outcome.to) && patched(LAB_BEFORE_WAITING_PATCH);
      if (!labFirst) j.moveTo(waitingStageFor(outcome.to));
      j.reportAfterLab = labFirst;
      state.sessionId = undefined;
      const forwarded = {
        forwardedTo: outcome.to,
        provisionalStars: outcome.provisionalStars,
        ...(labFirst ? { stage: 'awaiting_lab_test' } : {}),
      };
      await j.record(SCORED_EVENT[level], { ...scored, sessionId: null, ...forwarded }, 'system:council', [scoredNotice]);
      return outcome.to;
    }
    case 'recognised': {
      // A nominee's certificate stands unless the centre raises it: no second certificate for the same stars.
      const held = state.certificateNo !== undefined && state.stars !== undefined && outcome.stars <= state.stars;
      // The score is the journey's last event: it carries the stage the product ends in, or the read models (which
      // follow the events) would keep showing it awaiting the centre.
      const endsHere = held && patched(KEPT_STARS_STAGE_PATCH);
      if (endsHere) j.moveTo('certified');
      await j.record(
        SCORED_EVENT[level],
        { ...scored, sessionId: null, ...(held ? { outcome: 'kept', stars: state.stars, certificateNo: state.certificateNo } : {}) },
        'system:council',
        [scoredNotice],
      );
      if (held && !endsHere) j.moveTo('certified');
      else if (!held) await certify(j, level, outcome.stars);
      return undefined;
    }
  }
}

/** Stars recognised → a numbered certificate, and its own lifecycle workflow that outlives this one. */
async function certify(j: Journey, level: LevelName, stars: number, { nominee = false } = {}): Promise<void> {
  const { input, state, workflowId } = j;
  // The certificate this one replaces: the nominee's provincial one, or the previous cycle's.
  const supersedes = state.certificateNo ?? input.previousCertificateNo;
  const superseded = state.certificateNo;
  state.stars = stars;
  upsertSearchAttributes([{ key: SA_STARS, value: stars }]);
  await j.record('StarsRecognised', { level, stars, ...(nominee ? { potentialFiveStars: true } : {}) }, 'system:council');
  // One number per certificate: a nominee may hold the province's and then the centre's.
  const certificateKey = superseded || nominee ? `${workflowId}:${level}` : workflowId;
  const certificateNo = await activities.allocateCertificateNumber({
    certificateKey,
    provinceCode: input.provinceCode,
    year: input.cycleYear,
  });
  const schedule = certificateSchedule(new Date());
  const issuedAt = schedule.issuedAt.toISOString();
  const expiresAt = schedule.expiresAt.toISOString();
  state.certificateNo = certificateNo;
  if (!nominee) j.moveTo('certified');
  await j.record(
    'CertificateIssued',
    { certificateNo, stars, level, issuedAt, expiresAt, supersedes, ...(nominee ? { potentialFiveStars: true } : {}) },
    'system:certification',
    [
      inboxNotice(noticeKey(workflowId, 'certificate-issued', certificateNo), j.producerInbox, 'certificate-issued', {
        productName: input.name,
        certificateNo,
        stars,
        expiresAt,
      }),
    ],
  );
  await startChild(CERTIFICATE_LIFECYCLE_WORKFLOW, {
    workflowId: certificateLifecycleId(certificateNo),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [
      {
        certificateNo,
        productId: input.productId,
        productName: input.name,
        organisationId: input.organisationId,
        provinceCode: input.provinceCode,
        stars,
        issuedAt,
        inspectorId: j.agencies.inspectorId,
        inspectorWebhookUrl: j.agencies.inspectorWebhookUrl,
        inspectionReportDays: j.calendar.inspectionReportDays,
      },
    ],
  });
  if (supersedes) {
    await signalIfRunning(certificateLifecycleId(supersedes), (handle) =>
      handle.signal(certificateSupersededSignal, { newCertificateNo: certificateNo, stars }),
    );
  }
}
