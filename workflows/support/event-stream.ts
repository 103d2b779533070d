import { uuid4 } from '@temporalio/workflow';
import type { EventType, NewEvent, NotificationRequest } from '@ocop/contracts';
import { activities } from './activities';

/**
 * The workflow's own stream in the event log. Appends are serialised (handlers and the main procedure may record
 * at the same time), each at the next stream position, with an event id drawn from the workflow's deterministic
 * random source: a replay or a retried activity produces the very same event.
 */
export class EventStream {
  private tail: Promise<unknown> = Promise.resolve();

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

  /** Appends several facts in one activity (one transaction), at consecutive stream positions. */
  recordAll(facts: readonly Fact[], notifications: readonly NotificationRequest[] = []): Promise<void> {
    const next = this.tail.then(async () => {
      const occurredAt = new Date().toISOString();
      const events = facts.map(
        ({ type, payload, actor }, i) =>
          ({ eventId: uuid4(), streamId: this.streamId, streamSeq: this.seq + 1 + i, type, payload, actor, occurredAt }) as NewEvent,
      );
      await activities.recordEvents({ events, notifications });
      this.seq += facts.length;
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** One fact for the stream: its type, payload and who caused it. */
export interface Fact {
  readonly type: EventType;
  readonly payload: Record<string, unknown>;
  readonly actor: string;
}
