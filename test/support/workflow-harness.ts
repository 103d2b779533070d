import { randomUUID } from 'node:crypto';
import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import {
  Actor,
  CycleCalendar,
  ideaSubmissionUpdate,
  journeyStateQuery,
  PRODUCT_JOURNEY_WORKFLOW,
  ProductJourneyInput,
  productJourneyId,
  reviewIdeaUpdate,
  sessionEnteredSignal,
  sessionResultSignal,
  submitBusinessPlanUpdate,
  submitDossierUpdate,
} from '@ocop/contracts';
import { LevelName } from '@ocop/domain';
import { bundleWorkflows } from '@ocop/temporal';
import { realActivities } from './activities';
import { aJourneyInput } from './builders';
import { openTestDatabase } from './database';
import { createTimeSkippingEnv } from './temporal-test-env';

export const DAY = 86_400_000;

/** A dossier within QĐ 1048/2019's part maxima (A 35, B 25, C 40). */
export const A_DOSSIER = { selfAssessment: { A: 30, B: 20, C: 30 }, evidence: ['ho-so-san-pham.pdf'] };

let bundle: Promise<{ code: string }> | undefined;
/** The workflow bundle, built once per test file (from the sources, with our path aliases). */
const workflowBundle = () => (bundle ??= bundleWorkflows());

/**
 * Time is global to a time-skipping server, and one left-over workflow can hold it still, so a test that skips
 * time gets a server of its own (the JVM starts in about half a second).
 */
export async function withOwnServer<T>(test: (h: WorkflowHarness) => Promise<T>): Promise<T> {
  const harness = await new WorkflowHarness().start();
  try {
    return await test(harness);
  } finally {
    await harness.stop();
  }
}

/** A time-skipping server, the real activities on PostgreSQL, and one worker for a whole test file. */
export class WorkflowHarness {
  env!: TestWorkflowEnvironment;
  db!: DataSource;
  readonly taskQueue = `wf-${randomUUID()}`;
  private worker?: Worker;
  private running?: Promise<void>;
  /** Lets a test make the recording activity fail once after its commit. */
  failNextRecordAfterCommit = false;

  /** `databaseUrl`: a database of the test's own instead of the shared test database. */
  constructor(private readonly databaseUrl?: string) {}

  async start(): Promise<this> {
    const [env, db, { code }] = await Promise.all([createTimeSkippingEnv(), openTestDatabase(this.databaseUrl), workflowBundle()]);
    this.env = env;
    this.db = db;
    const { activities } = realActivities(db);
    const recordEvents = activities.recordEvents!;
    activities.recordEvents = async (...args: unknown[]) => {
      const result = await recordEvents(...args);
      if (this.failNextRecordAfterCommit) {
        this.failNextRecordAfterCommit = false;
        throw new Error('connection lost after commit');
      }
      return result;
    };
    this.worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: this.taskQueue,
      workflowBundle: { code },
      activities,
    });
    this.running = this.worker.run();
    return this;
  }

  async stop(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    await this.env?.teardown();
    await this.db?.destroy();
  }

  now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  /** A calendar whose windows are `days` after the server's current time. */
  async calendarFromNow(days: Partial<Record<keyof CycleCalendar, number>> = {}): Promise<CycleCalendar> {
    const now = await this.now();
    const at = (d: number) => new Date(now + d * DAY).toISOString();
    return {
      ideaWindowClosesAt: at(days.ideaWindowClosesAt ?? 10),
      businessPlanDueAt: at(days.businessPlanDueAt ?? 30),
      dossierDueAt: at(days.dossierDueAt ?? 60),
      districtSessionsCloseAt: at(days.districtSessionsCloseAt ?? 120),
      provincialSessionsCloseAt: at(days.provincialSessionsCloseAt ?? 180),
      certificationAt: at(days.certificationAt ?? 210),
      labTurnaroundDays: days.labTurnaroundDays ?? 21,
      inspectionReportDays: 30,
    };
  }

  async startJourney(overrides: Partial<ProductJourneyInput> = {}): Promise<{ input: ProductJourneyInput; handle: WorkflowHandle }> {
    const now = await this.now();
    const input = aJourneyInput({ submittedAt: new Date(now).toISOString(), calendar: await this.calendarFromNow(), ...overrides }).build();
    const handle = await this.env.client.workflow.start(PRODUCT_JOURNEY_WORKFLOW, {
      workflowId: productJourneyId(input.productId, input.cycleYear),
      taskQueue: this.taskQueue,
      args: [input],
    });
    return { input, handle };
  }

  /** Takes a started journey through review, business plan and dossier: it then waits for its first level. */
  async throughDossier(handle: WorkflowHandle, input: ProductJourneyInput): Promise<void> {
    await handle.executeUpdate(ideaSubmissionUpdate);
    await handle.executeUpdate(reviewIdeaUpdate, { args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }] });
    await handle.executeUpdate(submitBusinessPlanUpdate, { args: [{ actor: actors.producer(input), summary: 'Kế hoạch kinh doanh' }] });
    await handle.executeUpdate(submitDossierUpdate, { args: [{ actor: actors.producer(input), ...A_DOSSIER }] });
  }

  /** Stands in for a council session: enters the product and sends it a mean score. */
  async score(handle: WorkflowHandle, level: LevelName, mean: number): Promise<void> {
    const sessionId = `s-${randomUUID()}`;
    await handle.signal(sessionEnteredSignal, { sessionId, level, sessionDate: new Date(await this.now()).toISOString() });
    await this.waitFor(handle, (s) => s.sessionId === sessionId);
    await handle.signal(sessionResultSignal, {
      sessionId,
      level,
      outcome: 'scored',
      mean,
      stars: 0,
      totals: [{ memberId: 'm1', total: mean }],
    });
  }

  /** Polls the journey's live state until `predicate` holds (signals are processed asynchronously). */
  async waitFor(handle: WorkflowHandle, predicate: (state: any) => boolean, timeoutMs = 20_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await handle.query(journeyStateQuery).catch(() => undefined);
      if (state && predicate(state)) return state;
      if (Date.now() > deadline) throw new Error(`journey state never matched; last: ${JSON.stringify(state)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async events(streamId: string): Promise<{ type: string; actor: string; occurred_at: Date; payload: any }[]> {
    return this.db.query(`SELECT type, actor, occurred_at, payload FROM events WHERE stream_id = $1 ORDER BY stream_seq`, [streamId]);
  }

  async outbox(keyPrefix: string): Promise<{ idempotency_key: string; template: string; recipient: string }[]> {
    return this.db.query(
      `SELECT idempotency_key, template, recipient FROM notification_outbox WHERE idempotency_key LIKE $1 ORDER BY created_at, idempotency_key`,
      [`${keyPrefix}%`],
    );
  }
}

/** Actors as the API will build them from authenticated users. */
export const actors = {
  producer: (input: ProductJourneyInput): Actor => ({ userId: 'producer-user', role: 'producer', organisationId: input.organisationId }),
  districtCoordinator: (districtCode: string): Actor => ({ userId: `coord-${districtCode}`, role: 'district_coordinator', districtCode }),
  provincialCoordinator: (provinceCode = 'lao-cai'): Actor => ({ userId: 'coord-province', role: 'provincial_coordinator', provinceCode }),
  lab: (labId = 'lab:lao-cai'): Actor => ({ userId: 'lab-user', role: 'lab', agencyId: labId }),
  inspector: (agencyId = 'inspector:lao-cai'): Actor => ({ userId: 'inspector-user', role: 'inspector', agencyId }),
  member: (memberId: string): Actor => ({ userId: memberId, role: 'council_member' }),
};

/** The coded refusal of an update (its validator's ApplicationFailure): the code and its details. */
export async function refusal(promise: Promise<unknown>): Promise<{ type?: string; details?: any }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; details?: unknown[] };
  return { type: cause.type, details: cause.details?.[0] };
}
