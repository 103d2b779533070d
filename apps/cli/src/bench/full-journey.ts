import { Client, WithStartWorkflowOperation, WorkflowUpdateStage } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  Actor,
  ANNUAL_CYCLE_WORKFLOW,
  annualCycleId,
  closeSessionUpdate,
  CycleCalendar,
  EVALUATION_SESSION_WORKFLOW,
  evaluationSessionId,
  enterProductUpdate,
  ideaSubmissionUpdate,
  PRODUCT_JOURNEY_WORKFLOW,
  productJourneyId,
  ProductJourneyInput,
  reviewIdeaUpdate,
  submitBusinessPlanUpdate,
  submitDossierUpdate,
  submitLabResultsUpdate,
  submitScorecardUpdate,
} from '@ocop/contracts';
import { LAO_CAI } from '@ocop/domain';
import type { BaselineShape } from './baseline/contracts';
import { DEMO_PASSWORD, DEMO_USERS } from '@ocop/identity';
import { LAO_CAI_ORGANISATIONS } from '../demo-data';
import { split } from '../simulate-cycle';
import { inParallel, Limiter, multiProgress, patiently } from './measure';

export interface FullJourneyOptions {
  readonly client: Client;
  readonly db: DataSource;
  readonly taskQueue: string;
  readonly apiUrl: string;
  readonly products: number;
  readonly concurrency: number;
  readonly year: number;
  /** Every `httpEvery`-th product sends its business plan and dossier through the HTTP API (P2). */
  readonly httpEvery: number;
  /**
   * An offered load instead of a closed loop: product i begins its idea `i × startEveryMs` after the start, whether
   * or not the earlier ones are through (P2 at a moderate load). Every product then times its dossier step.
   */
  readonly startEveryMs?: number;
  /** The phase's name on its progress line (P1). */
  readonly label?: string;
  readonly log: (line: string) => void;
}

export interface FullJourneyResult {
  readonly products: number;
  readonly certified: number;
  readonly seconds: number;
  readonly journeyMs: number[];
  readonly httpMs: number[];
  /** The same kind of producer action sent with the Temporal client: until the workflow accepted it. */
  readonly acceptedMs: number[];
  /** … and until the step was recorded (the update's answer). */
  readonly completedMs: number[];
  readonly historyEvents: number;
  readonly historyBytes: number;
  readonly workflows: number;
  /** The work one product caused in Temporal, for the baseline. */
  readonly shape: BaselineShape;
}

const MEMBERS = ['bench-m1', 'bench-m2', 'bench-m3', 'bench-m4', 'bench-m5'];
/** The demo producer user of each demo organisation (they submit over HTTP for P2). */
const PRODUCER_USERS: Record<string, string> = Object.fromEntries(
  DEMO_USERS.filter((u) => u.role === 'producer').map((u) => [u.organisationId!, u.username]),
);
/** Products per council session: councils meet side by side, each scoring its products one after another. */
const SESSION_SIZE = 20;
const PROVINCE_BATCH = SESSION_SIZE;

/**
 * P1 (and P2): N products through the whole QĐ 1048 path to a certificate on the running stack — coordinators,
 * producers (some over HTTP), district councils of five, the lab, provincial councils — as fast as the system
 * accepts, with windows far ahead so no deadline interferes. Barriers are those of the real cycle: a council scores
 * the products it was given, the lab answers what was sent to it.
 */
export async function runFullJourneys(options: FullJourneyOptions): Promise<FullJourneyResult> {
  const { client, db, taskQueue, year, log } = options;
  const runId = randomUUID().slice(0, 8);
  // Every actor's calls share `concurrency` slots, so as many calls are in flight as in the baseline (P2's latency
  // is then that of a system kept busy, not of a queue the benchmark itself piles up).
  inFlight = new Limiter(options.concurrency);
  const started = Date.now();
  const at = (hours: number) => new Date(started + hours * 3_600_000).toISOString();
  const calendar: CycleCalendar = {
    ideaWindowClosesAt: at(24),
    businessPlanDueAt: at(48),
    dossierDueAt: at(72),
    districtSessionsCloseAt: at(200),
    provincialSessionsCloseAt: at(300),
    certificationAt: at(400),
    labTurnaroundDays: 30,
    inspectionReportDays: 30,
  };
  await client.workflow
    .start(ANNUAL_CYCLE_WORKFLOW, {
      workflowId: annualCycleId(LAO_CAI.code, year),
      taskQueue,
      args: [
        {
          provinceCode: LAO_CAI.code,
          year,
          ruleSet: 'QD1048-2019',
          calendar,
          targets: { newCertifiedProducts: 30, organisationsConsolidated: 12, newOrganisations: 7 },
          openedBy: 'system:bench',
        },
      ],
      workflowIdConflictPolicy: 'USE_EXISTING',
    })
    .catch(() => undefined);

  const tokens = new Map<string, string>();
  for (const username of Object.values(PRODUCER_USERS)) {
    const response = await fetch(`${options.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    tokens.set(username, ((await response.json()) as { accessToken: string }).accessToken);
  }

  const products = Array.from({ length: options.products }, (_, i) => {
    const district = LAO_CAI.districts[i % LAO_CAI.districts.length]!;
    const organisation = LAO_CAI_ORGANISATIONS[i % LAO_CAI_ORGANISATIONS.length]!;
    const input: ProductJourneyInput = {
      productId: randomUUID(),
      organisationId: organisation.id,
      name: `Sản phẩm đo ${runId}-${String(i + 1).padStart(5, '0')}`,
      productGroup: 'thuc-pham',
      districtCode: district.code,
      provinceCode: LAO_CAI.code,
      cycleYear: year,
      ruleSet: 'QD1048-2019',
      submittedBy: 'system:bench',
      submittedAt: new Date().toISOString(),
      calendar,
      // A rule day of a minute: the lab's 30-day turnaround lasts half an hour, so no deadline falls inside the run.
      dayLengthMs: 60_000,
    };
    return {
      input,
      workflowId: productJourneyId(input.productId, year),
      viaHttp: i % options.httpEvery === 0,
      timedAcceptance: options.startEveryMs !== undefined ? i % options.httpEvery !== 0 : i % options.httpEvery === 1,
    };
  });
  const httpMs: number[] = [];
  const acceptedMs: number[] = [];
  const completedMs: number[] = [];
  const http = (username: string, path: string, body: unknown) =>
    inFlight.run(async () => {
      const t0 = performance.now();
      const response = await fetch(`${options.apiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(username)}` },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
      httpMs.push(performance.now() - t0);
    });
  // The dossier step needs the documents the checklist requires: attached first, outside the timed calls.
  const attachDocuments = async (username: string, productId: string) => {
    const listed = await fetch(`${options.apiUrl}/products/${productId}/documents`, {
      headers: { authorization: `Bearer ${tokens.get(username)}` },
    });
    const { checklist } = (await listed.json()) as { checklist: { kind: string; present: boolean }[] };
    for (const item of checklist.filter((i) => !i.present)) {
      const form = new FormData();
      form.append('file', new Blob([`%PDF-1.4\n% ${item.kind} ${productId}\n%%EOF\n`]), `${item.kind}.pdf`);
      const response = await fetch(`${options.apiUrl}/products/${productId}/documents?kind=${item.kind}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.get(username)}` },
        body: form,
      });
      if (!response.ok) throw new Error(`documents of ${productId}: ${response.status} ${await response.text()}`);
    }
  };

  // The actors work side by side, each as soon as there is work for it, as in a real cycle run at full speed:
  // producers and coordinators take products to their dossiers; a district council meets as soon as twenty of its
  // district's dossiers are in (the remainder once all are); the lab answers requests as they arrive; a provincial
  // council meets for every twenty products that reach it.
  const progress = multiProgress(options.label ?? 'P1', ['dossiers', 'district', 'lab', 'province', 'certified'], products.length);
  const sessions: { id: string; products: number }[] = [];
  const ids = products.map((p) => p.workflowId);
  const councils: Promise<void>[] = [];
  const meet = (level: 'district' | 'province', areaCode: string, batch: typeof products, suffix: string) =>
    councils.push(
      council(client, taskQueue, {
        runId,
        year,
        level,
        areaCode,
        products: batch,
        mean: level === 'district' ? 74 : 78,
        suffix,
        onScored: () => progress.tick(level),
      }).then((s) => void sessions.push(s)),
    );
  const certificates: Promise<void>[] = [];
  const dossierIn = new Map<string, typeof products>();
  let districtSessionNo = 0;

  // 1. Ideas, review, business plan, dossier; then to the district's council.
  const paced = options.startEveryMs;
  const producers = inParallel(products, paced === undefined ? options.concurrency : products.length, async (p, i) => {
    if (paced !== undefined) await new Promise((r) => setTimeout(r, started + i * paced - Date.now()));
    const coordinator: Actor = {
      userId: `bench-coord-${p.input.districtCode}`,
      role: 'district_coordinator',
      districtCode: p.input.districtCode,
      provinceCode: LAO_CAI.code,
    };
    const producer: Actor = {
      userId: `bench-producer-${p.input.organisationId}`,
      role: 'producer',
      organisationId: p.input.organisationId,
    };
    await inFlight.run(() =>
      patiently(() =>
        client.workflow.executeUpdateWithStart(ideaSubmissionUpdate, {
          startWorkflowOperation: new WithStartWorkflowOperation(PRODUCT_JOURNEY_WORKFLOW, {
            workflowId: p.workflowId,
            taskQueue,
            args: [p.input],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        }),
      ),
    );
    const handle = client.workflow.getHandle(p.workflowId);
    certificates.push(handle.result().then(() => progress.tick('certified')));
    await updateOnce(handle, reviewIdeaUpdate, { args: [{ actor: coordinator, decision: 'accept' }] });
    const plan = { summary: 'Phương án kinh doanh 2026–2028' };
    const dossier = { selfAssessment: { A: 28, B: 18, C: 30 }, evidence: ['ho-so.pdf'] };
    if (p.viaHttp) {
      const username = PRODUCER_USERS[p.input.organisationId]!;
      await http(username, `/products/${p.input.productId}/business-plan`, plan);
      await attachDocuments(username, p.input.productId);
      await http(username, `/products/${p.input.productId}/dossier`, dossier);
    } else if (p.timedAcceptance) {
      await updateOnce(handle, submitBusinessPlanUpdate, { args: [{ actor: producer, ...plan }] });
      await inFlight.run(async () => {
        const t0 = performance.now();
        const update = await handle.startUpdate(submitDossierUpdate, {
          args: [{ actor: producer, ...dossier }],
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        });
        acceptedMs.push(performance.now() - t0);
        await update.result();
        completedMs.push(performance.now() - t0);
      });
    } else {
      await updateOnce(handle, submitBusinessPlanUpdate, { args: [{ actor: producer, ...plan }] });
      await updateOnce(handle, submitDossierUpdate, { args: [{ actor: producer, ...dossier }] });
    }
    progress.tick('dossiers');
    const here = [...(dossierIn.get(p.input.districtCode) ?? []), p];
    dossierIn.set(p.input.districtCode, here.length === SESSION_SIZE ? [] : here);
    if (here.length === SESSION_SIZE) meet('district', p.input.districtCode, here, String((districtSessionNo += 1)));
  }).then(() => {
    for (const [district, rest] of dossierIn) if (rest.length > 0) meet('district', district, rest, String((districtSessionNo += 1)));
  });

  // 2. The lab answers every request as it arrives (from the lab_requests read model, as its queue does).
  const lab = (async () => {
    const answered = new Set<string>();
    while (answered.size < products.length) {
      const waiting: { request_id: string; workflow_id: string }[] = await db.query(
        `SELECT request_id, workflow_id FROM lab_requests WHERE status = 'requested' AND workflow_id = ANY($1)`,
        [ids],
      );
      const fresh = waiting.filter((w) => !answered.has(w.workflow_id));
      if (fresh.length === 0) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      await inParallel(fresh, options.concurrency, async (w) => {
        const labActor: Actor = { userId: 'bench-lab', role: 'lab', agencyId: `lab:${LAO_CAI.code}` };
        await updateOnce(client.workflow.getHandle(w.workflow_id), submitLabResultsUpdate, {
          args: [
            {
              actor: labActor,
              requestId: w.request_id,
              indicators: [
                { indicator: 'E. coli', passed: true },
                { indicator: 'Chì (Pb)', passed: true },
              ],
            },
          ],
        });
        answered.add(w.workflow_id);
        progress.tick('lab');
      });
    }
  })();

  // 3. Provincial councils of twenty, as the products arrive there.
  const provincial = (async () => {
    const pending = new Set(ids);
    let batchNo = 0;
    while (pending.size > 0) {
      const arrived: { workflow_id: string }[] = await db.query(
        `SELECT workflow_id FROM products WHERE stage = 'awaiting_province_session' AND workflow_id = ANY($1)`,
        [[...pending]],
      );
      if (arrived.length < Math.min(PROVINCE_BATCH, pending.size)) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      const batch = arrived.slice(0, PROVINCE_BATCH).map((a) => products.find((p) => p.workflowId === a.workflow_id)!);
      batch.forEach((p) => pending.delete(p.workflowId));
      meet('province', LAO_CAI.code, batch, String((batchNo += 1)));
    }
  })();

  await Promise.all([producers, lab, provincial]);
  await Promise.all(councils);
  // 4. Every journey ends with its certificate.
  await Promise.all(certificates);
  progress.done();
  const seconds = (Date.now() - started) / 1000;
  const rows: { stage: string; submitted_at: Date; updated_at: Date }[] = await db.query(
    `SELECT stage, submitted_at, updated_at FROM products WHERE workflow_id = ANY($1)`,
    [ids],
  );
  const journeyMs = rows.map((r) => new Date(r.updated_at).getTime() - new Date(r.submitted_at).getTime());
  const certified = rows.filter((r) => r.stage === 'certified').length;
  log(`${options.label ?? 'P1'}: ${certified}/${products.length} certified in ${seconds.toFixed(1)} s`);

  const { historyEvents, historyBytes, workflows } = await historyOf(client, new Date(started));
  const shape = await shapeOf(client, products[0]!.workflowId, sessions);
  return {
    products: products.length,
    certified,
    seconds,
    journeyMs,
    httpMs,
    acceptedMs,
    completedMs,
    historyEvents,
    historyBytes,
    workflows,
    shape,
  };
}

/** A council of five: enter the products, each member scores around `mean`, the chair closes. */
async function council(
  client: Client,
  taskQueue: string,
  session: {
    runId: string;
    year: number;
    level: 'district' | 'province';
    areaCode: string;
    products: readonly { input: ProductJourneyInput; workflowId: string }[];
    mean: number;
    suffix?: string;
    onScored: () => void;
  },
): Promise<{ id: string; products: number }> {
  const sessionId = `bench-${session.runId}-${session.level}-${session.areaCode}${session.suffix ? `-${session.suffix}` : ''}`;
  const handle = await client.workflow.start(EVALUATION_SESSION_WORKFLOW, {
    workflowId: evaluationSessionId(sessionId),
    taskQueue,
    args: [
      {
        sessionId,
        ruleSet: 'QD1048-2019',
        level: session.level,
        areaCode: session.areaCode,
        provinceCode: LAO_CAI.code,
        cycleYear: session.year,
        sessionDate: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        members: MEMBERS.map((memberId, i) => ({ memberId, name: `Thành viên ${i + 1}` })),
        chairId: MEMBERS[0]!,
        openedBy: 'system:bench',
        // Scoring opens as the session's day begins: compressed to milliseconds here, the bench measures the engine.
        dayLengthMs: 1,
      },
    ],
  });
  const coordinator: Actor =
    session.level === 'district'
      ? { userId: 'bench-coord', role: 'district_coordinator', districtCode: session.areaCode, provinceCode: LAO_CAI.code }
      : { userId: 'bench-coord', role: 'provincial_coordinator', provinceCode: LAO_CAI.code };
  for (const p of session.products) {
    await updateOnce(handle, enterProductUpdate, {
      args: [{ actor: coordinator, product: { productId: p.input.productId, workflowId: p.workflowId, name: p.input.name } }],
    });
  }
  // The members score side by side, each going through the products in order, as at a council meeting.
  const scored = new Map<string, number>();
  await Promise.all(
    MEMBERS.map(async (memberId, i) => {
      for (const p of session.products) {
        await updateOnce(handle, submitScorecardUpdate, {
          args: [
            {
              actor: { userId: memberId, role: 'council_member' },
              memberId,
              productId: p.input.productId,
              parts: split(session.mean + [0, 1, -1, 2, -2][i]!),
            },
          ],
        });
        scored.set(p.input.productId, (scored.get(p.input.productId) ?? 0) + 1);
        if (scored.get(p.input.productId) === MEMBERS.length) session.onScored();
      }
    }),
  );
  await updateOnce(handle, closeSessionUpdate, {
    args: [{ actor: { userId: MEMBERS[0]!, role: 'council_member' }, presentMemberIds: MEMBERS }],
  });
  return { id: handle.workflowId, products: session.products.length };
}

/** History events of every workflow started since `since` (journeys, sessions, certificates, the cycle). */
export async function historyOf(
  client: Client,
  since: Date,
  extraQuery = '',
): Promise<{ historyEvents: number; historyBytes: number; workflows: number }> {
  let historyEvents = 0;
  let historyBytes = 0;
  let workflows = 0;
  for await (const execution of client.workflow.list({ query: `StartTime >= '${since.toISOString()}'${extraQuery}` })) {
    historyEvents += execution.historyLength;
    historyBytes += execution.historySize ?? 0;
    workflows += 1;
  }
  return { historyEvents, historyBytes, workflows };
}

/** What one product costs Temporal: its journey's history, plus its share of one district and one provincial session. */
async function shapeOf(client: Client, journeyId: string, sessions: readonly { id: string; products: number }[]): Promise<BaselineShape> {
  const count = async (workflowId: string) => {
    const counts = { updates: 0, signals: 0, activities: 0, timers: 0, children: 0, upserts: 0, signalsSent: 0 };
    for (const event of (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? []) {
      if (event.workflowExecutionUpdateAcceptedEventAttributes) counts.updates += 1;
      if (event.workflowExecutionSignaledEventAttributes) counts.signals += 1;
      if (event.activityTaskScheduledEventAttributes) counts.activities += 1;
      if (event.markerRecordedEventAttributes?.markerName === 'core_local_activity') counts.activities += 1;
      if (event.timerStartedEventAttributes) counts.timers += 1;
      if (event.startChildWorkflowExecutionInitiatedEventAttributes) counts.children += 1;
      if (event.upsertWorkflowSearchAttributesEventAttributes) counts.upserts += 1;
      if (event.signalExternalWorkflowExecutionInitiatedEventAttributes) counts.signalsSent += 1;
    }
    return counts;
  };
  const journey = await count(journeyId);
  // The sessions' signals to the products are the journey's received signals already, so only the journey's own count.
  const share = { updates: 0, signals: 0, activities: 0, timers: 0, upserts: 0 };
  for (const level of ['-district-', '-province-']) {
    const session = sessions.find((s) => s.id.includes(level));
    if (!session) continue;
    const c = await count(session.id);
    share.updates += c.updates / session.products;
    share.signals += c.signals / session.products;
    share.activities += c.activities / session.products;
    share.timers += c.timers / session.products;
    share.upserts += c.upserts / session.products;
  }
  const certificate = (await client.workflow.getHandle(journeyId).fetchHistory()).events?.find(
    (e) => e.startChildWorkflowExecutionInitiatedEventAttributes,
  )?.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
  const childActivities = certificate ? (await count(certificate)).activities : 0;
  return {
    updates: Math.round(journey.updates + share.updates),
    signals: Math.round(journey.signals + share.signals),
    activities: Math.round(journey.activities + share.activities),
    timers: Math.round(journey.timers + share.timers),
    upserts: Math.round(journey.upserts + share.upserts),
    signalsSent: journey.signalsSent,
    children: journey.children,
    childActivities,
  };
}

let inFlight = new Limiter(16);

/** An update sent with its own id, retried while the server is too busy to answer: it runs once. */
function updateOnce<Ret, Arg>(
  handle: { executeUpdate: (def: UpdateDefinition<Ret, [Arg]>, options: { args: [Arg]; updateId: string }) => Promise<Ret> },
  definition: UpdateDefinition<Ret, [Arg]>,
  options: { args: [Arg] },
): Promise<Ret> {
  const updateId = randomUUID();
  return inFlight.run(() => patiently(() => handle.executeUpdate(definition, { ...options, updateId })));
}
