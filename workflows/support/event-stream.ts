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
    const next = this.tail.then(async () => {
      const event = {
        eventId: uuid4(),
        streamId: this.streamId,
        streamSeq: this.seq + 1,
        type,
        payload,
        actor,
        occurredAt: new Date().toISOString(),
      } as NewEvent;
      await activities.recordEvents({ events: [event], notifications });
      this.seq += 1;
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}
