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

const SCORED_EVENT = { district: 'DistrictScored', province: 'ProvinceScored', central: 'CentralScored', commune: 'CommuneChecked' } as const;

/** Histories recorded before a forwarded product went straight to lab testing keep their recorded stages. */
const LAB_BEFORE_WAITING_PATCH = 'lab-before-waiting-stage-2026-11';

/**
 * What a council's score means at `level` under the journey's rule set: not qualified, forwarded to the next
 * level, or stars recognised here (and a certificate). Returns the level the product goes to next, if any.
 */
export async function applyLevelResult(j: Journey, level: LevelName, result: SessionResultSignal): Promise<LevelName | undefined> {
  const { input, state } = j;
  const outcome = levelOutcome(input.ruleSet, level, result.mean!, result.totals?.map((t) => t.total));
  const scored = { level, sessionId: result.sessionId, mean: result.mean, stars: outcome.stars, totals: result.totals, perPartMean: result.perPartMean, outcome: outcome.kind };
  state.results.push({ ...scored, mean: result.mean!, totals: result.totals ?? [] });
  const scoredNotice = inboxNotice(noticeKey(j.workflowId, 'product-scored', level), j.producerInbox, 'product-scored', { productName: input.name, level, mean: result.mean, stars: outcome.stars });
  switch (outcome.kind) {
    case 'not_qualified':
      j.stop('not_qualified', `mean ${result.mean} at ${level}`);
      await j.record(SCORED_EVENT[level], { ...scored, sessionId: null, reason: state.reason }, 'system:council', [scoredNotice]);
      return undefined;
    case 'forwarded': {
      // When lab testing must come first, the score is recorded as sending the product to the lab (requested on
      // the loop's next turn): shown as awaiting the next session meanwhile, it could be entered in one it ignores.
      const labFirst = labTestComesFirst(j, outcome.to) && patched(LAB_BEFORE_WAITING_PATCH);
      if (!labFirst) j.moveTo(waitingStageFor(outcome.to));
      j.reportAfterLab = labFirst;
      state.sessionId = undefined;
      const forwarded = { forwardedTo: outcome.to, provisionalStars: outcome.provisionalStars, ...(labFirst ? { stage: 'awaiting_lab_test' } : {}) };
      await j.record(SCORED_EVENT[level], { ...scored, sessionId: null, ...forwarded }, 'system:council', [scoredNotice]);
      return outcome.to;
    }
    case 'recognised':
      await j.record(SCORED_EVENT[level], { ...scored, sessionId: null }, 'system:council', [scoredNotice]);
      await certify(j, level, outcome.stars);
      return undefined;
  }
}

/** Stars recognised → a numbered certificate, and its own lifecycle workflow that outlives this one. */
async function certify(j: Journey, level: LevelName, stars: number): Promise<void> {
  const { input, state, workflowId } = j;
  state.stars = stars;
  upsertSearchAttributes([{ key: SA_STARS, value: stars }]);
  await j.record('StarsRecognised', { level, stars }, 'system:council');
  const certificateNo = await activities.allocateCertificateNumber({ certificateKey: workflowId, provinceCode: input.provinceCode, year: input.cycleYear });
  const schedule = certificateSchedule(new Date());
  const issuedAt = schedule.issuedAt.toISOString();
  const expiresAt = schedule.expiresAt.toISOString();
  state.certificateNo = certificateNo;
  j.moveTo('certified');
  await j.record('CertificateIssued', { certificateNo, stars, level, issuedAt, expiresAt, supersedes: input.previousCertificateNo }, 'system:certification', [
    inboxNotice(noticeKey(workflowId, 'certificate-issued', certificateNo), j.producerInbox, 'certificate-issued', { productName: input.name, certificateNo, stars, expiresAt }),
  ]);
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
      },
    ],
  });
  if (input.previousCertificateNo) {
    await signalIfRunning(certificateLifecycleId(input.previousCertificateNo), (handle) => handle.signal(certificateSupersededSignal, { newCertificateNo: certificateNo, stars }));
  }
}
