import { Client, WorkflowHandle } from '@temporalio/client';
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
  JourneyState,
  journeyStateQuery,
  PRODUCT_JOURNEY_WORKFLOW,
  productJourneyId,
  ProductJourneyInput,
  reviewIdeaUpdate,
  sessionStateQuery,
  submitBusinessPlanUpdate,
  submitDossierUpdate,
  submitLabResultsUpdate,
  submitScorecardUpdate,
} from '@ocop/contracts';
import { LAO_CAI, LAO_CAI_2021_TARGETS, LevelName, needsLabTest } from '@ocop/domain';
import { LAO_CAI_ORGANISATIONS } from './demo-data';

/** What happens to a simulated product; the run checks that exactly this came out. */
type Fate = 'rejected' | 'missed_plan' | 'not_qualified' | 'lab_failed' | 'three_stars' | 'four_stars' | 'five_stars';

export interface SimulationOptions {
  readonly products: number;
  readonly year: number;
  /** How long a "day" of the rules lasts; 1 s runs a cycle's deadlines in under a minute. */
  readonly dayMs: number;
  readonly taskQueue: string;
  readonly log: (line: string) => void;
}

export interface SimulationReport {
  readonly runId: string;
  readonly workflowIds: readonly string[];
  readonly expected: {
    readonly byStage: Record<string, number>;
    readonly reminders: number;
    readonly outbox: Record<string, number>;
    readonly certificates: number;
  };
  readonly actual: {
    readonly byStage: Record<string, number>;
    readonly reminders: number;
    readonly outbox: Record<string, number>;
    readonly certificates: readonly string[];
  };
  readonly ok: boolean;
  readonly seconds: number;
}

const FATES: readonly Fate[] = [
  'four_stars',
  'three_stars',
  'rejected',
  'four_stars',
  'not_qualified',
  'missed_plan',
  'three_stars',
  'lab_failed',
  'four_stars',
];
const GROUPS = ['do-uong', 'thuc-pham', 'thao-duoc', 'vai-may-mac', 'luu-niem-noi-that-trang-tri'];
const MEANS: Record<Fate, [district: number, province?: number, central?: number]> = {
  rejected: [0],
  missed_plan: [0],
  not_qualified: [44],
  lab_failed: [62],
  three_stars: [58, 61],
  four_stars: [74, 78],
  five_stars: [88, 93, 92],
};
const STAGE_OF: Record<Fate, string> = {
  rejected: 'rejected',
  missed_plan: 'withdrawn',
  not_qualified: 'not_qualified',
  lab_failed: 'failed_lab_test',
  three_stars: 'certified',
  four_stars: 'certified',
  five_stars: 'certified',
};
const MEMBERS = ['cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-5'];
const lab: Actor = { userId: 'lab-lao-cai', role: 'lab', agencyId: 'lab:lao-cai' };
const provinceCoordinator: Actor = { userId: 'coord-lao-cai', role: 'provincial_coordinator', provinceCode: 'lao-cai' };

interface SimulatedProduct {
  readonly input: ProductJourneyInput;
  readonly fate: Fate;
  readonly handle: WorkflowHandle;
}

/**
 * A whole Lào Cai cycle on a real Temporal server with a compressed calendar: the annual cycle, products across
 * the 9 districts, coordinators reviewing, producers submitting (some late), district and provincial councils of
 * five scoring, the lab answering, certificates issued. Ends by comparing what the read models and the outbox hold
 * with what the fates predict.
 */
export async function simulateCycle(temporal: Client, db: DataSource, options: SimulationOptions): Promise<SimulationReport> {
  const started = Date.now();
  const runId = randomUUID().slice(0, 8);
  const { dayMs, year, taskQueue, log } = options;
  const at = (days: number) => new Date(started + days * dayMs).toISOString();
  // Everyone on time submits at once; a late producer misses the plan (due in 30 "days", 7 of grace). The room
  // before each due date keeps a loaded machine's on-time producers, coordinators and councils on time.
  const calendar: CycleCalendar = {
    ideaWindowClosesAt: at(20),
    businessPlanDueAt: at(30),
    dossierDueAt: at(45),
    districtSessionsCloseAt: at(300),
    provincialSessionsCloseAt: at(400),
    certificationAt: at(500),
    labTurnaroundDays: 60, // the lab answers at once; the room keeps it from being reminded on a loaded machine
    inspectionReportDays: 30,
  };

  log(`run ${runId}: ${options.products} products, Lào Cai ${year}, a rule "day" lasts ${dayMs} ms`);
  await temporal.workflow
    .start(ANNUAL_CYCLE_WORKFLOW, {
      workflowId: annualCycleId(LAO_CAI.code, year),
      taskQueue,
      args: [
        {
          provinceCode: LAO_CAI.code,
          year,
          ruleSet: 'QD1048-2019',
          calendar,
          targets: {
            newCertifiedProducts: LAO_CAI_2021_TARGETS.newCertifiedProductsAtLeast,
            organisationsConsolidated: LAO_CAI_2021_TARGETS.economicOrganisationsConsolidatedAtLeast,
            newOrganisations: LAO_CAI_2021_TARGETS.newOrganisationsJoiningAtLeast,
          },
        },
      ],
      workflowIdConflictPolicy: 'USE_EXISTING',
    })
    .catch(() => log('annual cycle already running: reusing it'));

  // 1. Ideas from every district.
  const products: SimulatedProduct[] = [];
  for (let i = 0; i < options.products; i += 1) {
    const district = LAO_CAI.districts[i % LAO_CAI.districts.length]!;
    const fate: Fate = i === 0 ? 'five_stars' : FATES[i % FATES.length]!;
    const organisation = LAO_CAI_ORGANISATIONS[i % LAO_CAI_ORGANISATIONS.length]!;
    const productGroup = fate === 'lab_failed' ? 'thuc-pham' : GROUPS[i % GROUPS.length]!;
    const input: ProductJourneyInput = {
      productId: randomUUID(),
      organisationId: organisation.id,
      name: `Sản phẩm mô phỏng ${runId}-${String(i + 1).padStart(3, '0')} (${district.vi})`,
      productGroup,
      districtCode: district.code,
      provinceCode: LAO_CAI.code,
      cycleYear: year,
      ruleSet: 'QD1048-2019',
      submittedBy: `producer:${organisation.id}`,
      submittedAt: new Date().toISOString(),
      calendar,
      dayLengthMs: dayMs,
    };
    const handle = await temporal.workflow.start(PRODUCT_JOURNEY_WORKFLOW, {
      workflowId: productJourneyId(input.productId, year),
      taskQueue,
      args: [input],
    });
    products.push({ input, fate, handle });
  }
  await Promise.all(products.map((p) => p.handle.executeUpdate(ideaSubmissionUpdate)));
  log(`${products.length} ideas recorded`);

  // 2. Coordinators review; producers send plans and dossiers — except the late ones.
  await Promise.all(
    products.map(async ({ input, fate, handle }) => {
      const coordinator: Actor = { userId: `coord-${input.districtCode}`, role: 'district_coordinator', districtCode: input.districtCode };
      const producer: Actor = { userId: `producer-${input.organisationId}`, role: 'producer', organisationId: input.organisationId };
      if (fate === 'rejected') {
        await handle.executeUpdate(reviewIdeaUpdate, {
          args: [{ actor: coordinator, decision: 'reject', reason: 'Sản phẩm chưa đặc trưng của địa phương' }],
        });
        return;
      }
      await handle.executeUpdate(reviewIdeaUpdate, { args: [{ actor: coordinator, decision: 'accept' }] });
      if (fate === 'missed_plan') return;
      await handle.executeUpdate(submitBusinessPlanUpdate, { args: [{ actor: producer, summary: 'Kế hoạch kinh doanh 2021–2023' }] });
      await handle.executeUpdate(submitDossierUpdate, {
        args: [{ actor: producer, selfAssessment: { A: 28, B: 18, C: 30 }, evidence: ['ho-so-san-pham.pdf', 'phieu-tu-danh-gia.pdf'] }],
      });
    }),
  );
  log('ideas reviewed; plans and dossiers in');

  // 3. A district council in every district; then the lab; then the province; then central for the nominee.
  const inSession = products.filter((p) => !['rejected', 'missed_plan'].includes(p.fate));
  await Promise.all(
    LAO_CAI.districts.map(async (district) => {
      const here = inSession.filter((p) => p.input.districtCode === district.code);
      if (!here.length) return;
      await runSession(temporal, taskQueue, {
        runId,
        year,
        dayMs,
        level: 'district',
        areaCode: district.code,
        products: here,
        meanOf: (p) => MEANS[p.fate][0],
      });
      await Promise.all(here.filter((p) => MEANS[p.fate][0] >= 50).map((p) => answerLab(p)));
    }),
  );
  log('district sessions closed; the lab has answered');
  const forProvince = inSession.filter((p) => p.fate !== 'not_qualified' && p.fate !== 'lab_failed');
  await Promise.all(forProvince.map((p) => waitForStage(p.handle, 'awaiting_province_session')));
  if (forProvince.length)
    await runSession(temporal, taskQueue, {
      runId,
      year,
      dayMs,
      level: 'province',
      areaCode: LAO_CAI.code,
      products: forProvince,
      meanOf: (p) => MEANS[p.fate][1]!,
    });
  log('provincial session closed');
  const nominees = forProvince.filter((p) => p.fate === 'five_stars');
  await Promise.all(nominees.map((p) => waitForStage(p.handle, 'awaiting_central_session')));
  if (nominees.length)
    await runSession(temporal, taskQueue, {
      runId,
      year,
      dayMs,
      level: 'central',
      areaCode: 'vn',
      products: nominees,
      meanOf: (p) => MEANS[p.fate][2]!,
    });

  // 4. Every journey ends (the late ones after their grace period).
  await Promise.all(products.map((p) => p.handle.result()));
  log('every journey has ended');

  const expectedByStage: Record<string, number> = {};
  for (const p of products) expectedByStage[STAGE_OF[p.fate]] = (expectedByStage[STAGE_OF[p.fate]] ?? 0) + 1;
  const workflowIds = products.map((p) => p.handle.workflowId);
  const rows: { stage: string; n: number }[] = await db.query(
    `SELECT stage, count(*)::int AS n FROM products WHERE workflow_id = ANY($1) GROUP BY stage`,
    [workflowIds],
  );
  const certificates: { certificate_no: string }[] = await db.query(
    `SELECT c.certificate_no FROM certificates c JOIN products p ON p.product_id = c.product_id WHERE p.workflow_id = ANY($1) ORDER BY 1`,
    [workflowIds],
  );
  const [{ reminders }] = await db.query(
    `SELECT count(*)::int AS reminders FROM events WHERE type = 'ReminderSent' AND stream_id = ANY($1)`,
    [workflowIds],
  );
  const outboxRows: { template: string; n: number }[] = await db.query(
    `SELECT template, count(*)::int AS n FROM notification_outbox
      WHERE template IN ('deadline-reminder', 'deadline-missed', 'certificate-issued')
        AND split_part(idempotency_key, ':', 1) || ':' || split_part(idempotency_key, ':', 2) || ':' || split_part(idempotency_key, ':', 3) = ANY($1)
      GROUP BY template`,
    [workflowIds],
  );
  // Each late producer is reminded 7 and 1 "days" before and on the day (3 ReminderSent); the outbox holds those
  // (2 deadline-reminder, 1 deadline-missed) and the coordinators' notice of the withdrawal (1 deadline-missed).
  const late = products.filter((p) => p.fate === 'missed_plan').length;
  // A 5★ product first holds the province's 4★ certificate (a nominee), which the centre's 5★ supersedes.
  const issued = (expectedByStage.certified ?? 0) + products.filter((p) => p.fate === 'five_stars').length;
  const expected = {
    byStage: expectedByStage,
    reminders: late * 3,
    outbox: Object.fromEntries(
      Object.entries({ 'certificate-issued': issued, 'deadline-missed': late * 2, 'deadline-reminder': late * 2 }).filter(([, n]) => n > 0),
    ),
    certificates: issued,
  };
  const actual = {
    byStage: Object.fromEntries(rows.map((r) => [r.stage, r.n])),
    reminders,
    outbox: Object.fromEntries(outboxRows.map((r) => [r.template, r.n])),
    certificates: certificates.map((c) => c.certificate_no),
  };
  const ok =
    JSON.stringify(sorted(expected.byStage)) === JSON.stringify(sorted(actual.byStage)) &&
    JSON.stringify(sorted(expected.outbox)) === JSON.stringify(sorted(actual.outbox)) &&
    expected.reminders === actual.reminders &&
    expected.certificates === actual.certificates.length;
  return { runId, workflowIds, expected, actual, ok, seconds: (Date.now() - started) / 1000 };

  async function answerLab(product: SimulatedProduct): Promise<void> {
    if (!needsLabTest('QD1048-2019', product.input.productGroup)) return;
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const state = await waitFor(product.handle, (s) => s.stage === 'awaiting_lab_test' && s.lab?.attempt === attempt && !s.lab.results);
      const passed = product.fate !== 'lab_failed';
      await product.handle.executeUpdate(submitLabResultsUpdate, {
        args: [
          {
            actor: lab,
            requestId: state.lab!.requestId,
            indicators: [
              { indicator: 'E. coli', passed: true },
              { indicator: 'Chì (Pb)', passed },
            ],
          },
        ],
      });
      if (passed) return;
    }
  }
}

/** A council of five: enter the products, everyone scores around the product's mean, the chair closes. */
async function runSession(
  temporal: Client,
  taskQueue: string,
  session: {
    runId: string;
    year: number;
    /** The cycle's rule day: the wait until the council may score (its session's day) shrinks alike. */
    dayMs: number;
    level: LevelName;
    areaCode: string;
    products: readonly SimulatedProduct[];
    meanOf: (p: SimulatedProduct) => number;
  },
): Promise<void> {
  const sessionId = `${session.runId}-${session.level}-${session.areaCode}`;
  const handle = await temporal.workflow.start(EVALUATION_SESSION_WORKFLOW, {
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
        dayLengthMs: session.dayMs,
      },
    ],
  });
  const coordinator: Actor =
    session.level === 'district'
      ? { userId: `coord-${session.areaCode}`, role: 'district_coordinator', districtCode: session.areaCode }
      : provinceCoordinator;
  for (const product of session.products) {
    await handle.executeUpdate(enterProductUpdate, {
      args: [
        {
          actor: coordinator,
          product: { productId: product.input.productId, workflowId: product.handle.workflowId, name: product.input.name },
        },
      ],
    });
  }
  await Promise.all(session.products.map((p) => waitFor(p.handle, (s) => s.sessionId === sessionId)));
  // Members score from the session's day on (SESSION_NOT_STARTED before): in rule days, seconds from now.
  const opensAt = Date.parse((await handle.query(sessionStateQuery)).scoringOpensAt ?? '');
  if (opensAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, opensAt - Date.now() + 100));
  for (const product of session.products) {
    const mean = session.meanOf(product);
    for (const [i, memberId] of MEMBERS.entries()) {
      const total = mean + [0, 1, -1, 2, -2][i]!; // within the 10-point spread
      await handle.executeUpdate(submitScorecardUpdate, {
        args: [{ actor: { userId: memberId, role: 'council_member' }, memberId, productId: product.input.productId, parts: split(total) }],
      });
    }
  }
  await handle.executeUpdate(closeSessionUpdate, {
    args: [{ actor: { userId: MEMBERS[0]!, role: 'council_member' }, presentMemberIds: MEMBERS }],
  });
}

/** A total split over parts A (max 35), B (max 25), C (max 40) in proportion. */
export function split(total: number): { A: number; B: number; C: number } {
  const A = Math.round(total * 0.35 * 100) / 100;
  const B = Math.round(total * 0.25 * 100) / 100;
  return { A, B, C: Math.round((total - A - B) * 100) / 100 };
}

async function waitForStage(handle: WorkflowHandle, stage: string): Promise<JourneyState> {
  return waitFor(handle, (s) => s.stage === stage);
}

async function waitFor(handle: WorkflowHandle, predicate: (state: JourneyState) => boolean, timeoutMs = 120_000): Promise<JourneyState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await handle.query(journeyStateQuery);
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`${handle.workflowId} stayed at ${state.stage}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function sorted(record: Record<string, number>): [string, number][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
