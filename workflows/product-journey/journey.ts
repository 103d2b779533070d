import { condition, getExternalWorkflowHandle, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import {
  annualCycleId,
  districtCoordinatorsInbox,
  isTerminalStage,
  journeyProgressSignal,
  organisationInbox,
  provinceCoordinatorsInbox,
  SA_STAGE,
  type AgencyContacts,
  type CycleCalendar,
  type JourneyStage,
  type JourneyState,
  type JourneyStepAck,
  type NotificationRequest,
  type ProductJourneyInput,
  type SessionResultSignal,
} from '@ocop/contracts';
import { DAY_MS, DEFAULT_REMINDER_POLICY, defaultCycleCalendar } from '@ocop/domain';
import { scaledGraceEnd } from '../support/deadlines';
import { EventStream } from '../support/event-stream';
import type { AgencyAddress, Recorder } from '../support/notices';
import type { JourneyView } from './validators';

/**
 * Journeys started from this change on tell the annual cycle only that they started and that they ended: products by
 * stage are the read model's (`cycle_progress`, kept in the recording transaction), and the cycle needs no more to send
 * a moved date to the running journeys and to close once all have ended. Those started before report every stage.
 */
export const REPORTS_START_AND_END_PATCH = 'journey-reports-start-and-end-2026-12';

/**
 * One run of a product's journey: its state, the event stream it records to, and the few things every step
 * needs (where to send notices, how long a rule day lasts, whether a step is being recorded). The procedure
 * (product-journey.workflow.ts), the handlers and the waits all work on it.
 */
export class Journey {
  readonly workflowId = workflowInfo().workflowId;
  readonly agencies: AgencyContacts;
  readonly lab: AgencyAddress;
  readonly dayMs: number;
  readonly producerInbox: string;
  readonly coordinatorsInbox: string;
  readonly provincialInbox: string;
  readonly state: JourneyState;
  calendar: CycleCalendar;
  /** Updates being recorded; deadlines wait for them so a late-but-accepted step is never undone. */
  busy = 0;
  /** A session's result, until the procedure takes it. */
  pendingResult: SessionResultSignal | undefined;
  labPassed = false;
  /** A product forwarded to a level that lab testing precedes is reported to the cycle once the lab passed it. */
  reportAfterLab = false;
  /** The stage the annual cycle last heard of. */
  private reportedStage: JourneyStage | undefined;
  /** Whether the cycle hears of every stage (journeys started before REPORTS_START_AND_END_PATCH) or only start and end. */
  private readonly reportsEveryStage = !patched(REPORTS_START_AND_END_PATCH);
  private readonly stream: EventStream;

  constructor(readonly input: ProductJourneyInput) {
    this.agencies = input.agencies ?? { labId: `lab:${input.provinceCode}`, inspectorId: `inspector:${input.provinceCode}` };
    this.lab = { id: this.agencies.labId, webhookUrl: this.agencies.labWebhookUrl };
    this.calendar = input.calendar ?? defaultCycleCalendar(input.cycleYear);
    this.dayMs = input.dayLengthMs ?? DAY_MS;
    this.producerInbox = organisationInbox(input.organisationId);
    this.coordinatorsInbox = districtCoordinatorsInbox(input.districtCode);
    this.provincialInbox = provinceCoordinatorsInbox(input.provinceCode);
    this.stream = new EventStream(this.workflowId);
    this.state = {
      productId: input.productId,
      cycleYear: input.cycleYear,
      ruleSet: input.ruleSet,
      stage: 'idea_submitted',
      ideaRecorded: false,
      lastEventSeq: 0,
      updatedAt: input.submittedAt,
      results: [],
    };
  }

  /** Records a fact with the stage (and due date) the journey is in after it. */
  readonly record: Recorder = async (type, payload, actor, notifications: NotificationRequest[] = []) => {
    const { state } = this;
    await this.stream.record(
      type,
      { stage: state.stage, ...(state.dueAt ? { dueAt: state.dueAt } : {}), ...payload },
      actor,
      notifications,
    );
    state.lastEventSeq = this.stream.lastSeq;
    state.updatedAt = new Date().toISOString();
  };

  moveTo(stage: JourneyStage, dueAt?: string): void {
    this.state.stage = stage;
    this.state.dueAt = dueAt;
    upsertSearchAttributes([{ key: SA_STAGE, value: stage }]);
  }

  /** Ends the journey in a terminal stage, with the reason a person will read. */
  stop(stage: JourneyStage, reason: string | undefined): void {
    this.moveTo(stage);
    this.state.reason = reason;
  }

  isTerminal(): boolean {
    return isTerminalStage(this.state.stage);
  }

  /** When the grace period after `dueAt` ends, with this journey's rule days. */
  graceEnd(dueAt: string): string {
    return scaledGraceEnd(new Date(dueAt), DEFAULT_REMINDER_POLICY, this.dayMs).toISOString();
  }

  /** Runs an update's work counted as busy, so a deadline firing meanwhile waits for it. */
  async exclusively<T>(work: () => Promise<T>): Promise<T> {
    this.busy += 1;
    try {
      return await work();
    } finally {
      this.busy -= 1;
    }
  }

  /** What a person's step answers (the state itself is the query's). */
  ack(): JourneyStepAck {
    return { stage: this.state.stage, lastEventSeq: this.state.lastEventSeq };
  }

  /** What the update validators see: the state and the clock, nothing they could change. */
  view(): JourneyView {
    const { state } = this;
    return {
      state,
      input: this.input,
      labId: this.agencies.labId,
      busy: this.busy,
      stepDeadline: state.dueAt ? Date.parse(this.graceEnd(state.dueAt)) : Number.POSITIVE_INFINITY,
      now: Date.now(),
    };
  }

  /** Tells the province's annual cycle this journey runs: every journey does, old and new. */
  reportStart(): Promise<void> {
    return this.report();
  }

  /** A stage between start and end: the cycle hears of it only from journeys started before REPORTS_START_AND_END_PATCH. */
  async reportProgress(): Promise<void> {
    if (this.reportsEveryStage) await this.report();
  }

  /** Reports the stage unless the cycle has heard of it already (quick producer steps may skip a report). */
  async reportIfMoved(): Promise<void> {
    if (this.reportsEveryStage && this.reportedStage !== this.state.stage) await this.report();
  }

  /** Ends the journey: the cycle hears of its terminal stage (and stars), so it knows when every journey has ended. */
  async finish(): Promise<JourneyState> {
    await condition(() => this.busy === 0);
    await this.report();
    return this.state;
  }

  /** Tells the province's annual cycle where this product now stands (if the cycle runs as a workflow). */
  private async report(): Promise<void> {
    const { input, state } = this;
    this.reportedStage = state.stage;
    await signalIfRunning(annualCycleId(input.provinceCode, input.cycleYear), (handle) =>
      handle.signal(journeyProgressSignal, {
        workflowId: this.workflowId,
        productId: input.productId,
        organisationId: input.organisationId,
        stage: state.stage,
        stars: state.stars,
      }),
    );
  }
}

export async function signalIfRunning(
  workflowId: string,
  send: (handle: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>,
): Promise<void> {
  try {
    await send(getExternalWorkflowHandle(workflowId));
  } catch {
    // Not running (or never started): the message has no one to reach, and nothing here depends on it.
  }
}
