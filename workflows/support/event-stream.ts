import { currentUpdateInfo, patched, uuid4 } from '@temporalio/workflow';
import type { EventType, NewEvent, NotificationRequest } from '@ocop/contracts';
import { activities, activityTasks } from './activities';

/**
 * Workflows begun before this change record the facts of their update handlers with local activities, as their
 * histories say.
 */
export const UPDATE_FACTS_AS_TASKS_PATCH = 'update-facts-as-activity-tasks-2026-12';

/**
 * The workflow's own stream in the event log. Appends are serialised (handlers and the main procedure may record
 * at the same time), each at the next stream position, with an event id drawn from the workflow's deterministic
 * random source: a replay or a retried activity produces the very same event.
 */
export class EventStream {
  private tail: Promise<unknown> = Promise.resolve();
  /** Update facts waiting for the activity task before them: they go in the next task together. */
  private openBatch: Batch | undefined;

  constructor(
    readonly streamId: string,
    private seq = 0,
  ) {}

  get lastSeq(): number {
    return this.seq;
  }

  record(
    type: EventType,
    payload: Record<string, unknown>,
    actor: string,
    notifications: readonly NotificationRequest[] = [],
  ): Promise<void> {
    return this.recordAll([{ type, payload, actor }], notifications);
  }

  /**
   * Appends several facts in one activity (one transaction), at consecutive stream positions.
   *
   * A fact an update handler records goes through an activity task, not a local activity. An update is not in the
   * history until the workflow task that accepts it completes; a local activity runs inside that task, so if the task
   * is lost (a history service restarting, a worker dying) its fact is already in the log while the history knows
   * neither the update nor the fact. The retried task then takes whichever updates arrive — in another order, or
   * others — and writes different facts at the same stream positions (EVENT_CONFLICT, and the stream stops). An
   * activity task is scheduled by the very task that accepts the update: it exists only if the acceptance does.
   * Facts of the main procedure follow timers, signals and activity results, which are in the history before they
   * are acted on, and stay local.
   *
   * Update facts that arrive while an append is under way wait together and go in one activity task (a council's
   * scorecards come in bursts); a fact of the main procedure closes the waiting group, so positions keep the order in
   * which facts were recorded.
   */
  recordAll(facts: readonly Fact[], notifications: readonly NotificationRequest[] = []): Promise<void> {
    if (currentUpdateInfo() !== undefined && patched(UPDATE_FACTS_AS_TASKS_PATCH)) {
      if (!this.openBatch) {
        const batch: Batch = { facts: [], notifications: [], appended: Promise.resolve() };
        this.openBatch = batch;
        batch.appended = this.append(() => {
          if (this.openBatch === batch) this.openBatch = undefined;
          return batch;
        }, activityTasks);
      }
      this.openBatch.facts.push(...facts);
      this.openBatch.notifications.push(...notifications);
      return this.openBatch.appended;
    }
    this.openBatch = undefined;
    return this.append(() => ({ facts, notifications }), activities);
  }

  /** Appends after every earlier append, what `take` gives when its turn comes. */
  private append(
    take: () => { readonly facts: readonly Fact[]; readonly notifications: readonly NotificationRequest[] },
    through: Pick<typeof activities, 'recordEvents'>,
  ): Promise<void> {
    const next = this.tail.then(async () => {
      const { facts, notifications } = take();
      const occurredAt = new Date().toISOString();
      const events = facts.map(
        ({ type, payload, actor }, i) =>
          ({ eventId: uuid4(), streamId: this.streamId, streamSeq: this.seq + 1 + i, type, payload, actor, occurredAt }) as NewEvent,
      );
      await through.recordEvents({ events, notifications });
      this.seq += facts.length;
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}

interface Batch {
  readonly facts: Fact[];
  readonly notifications: NotificationRequest[];
  appended: Promise<void>;
}

/** One fact for the stream: its type, payload and who caused it. */
export interface Fact {
  readonly type: EventType;
  readonly payload: Record<string, unknown>;
  readonly actor: string;
}
