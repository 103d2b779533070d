import { Injectable } from '@nestjs/common';
import type { NewEvent, NotificationRequest } from '@ocop/contracts';
import { EventRecorder } from '@ocop/persistence';
import { NotificationOutbox } from '@ocop/notifications';

export interface RecordRequest {
  readonly events: readonly NewEvent[];
  /** Stored in the outbox in the same transaction as the events. */
  readonly notifications?: readonly NotificationRequest[];
}

export interface RecordResult {
  /** How many of the given events were new; 0 when a retry finds them already recorded. */
  readonly appended: number;
}

/**
 * Records what a workflow established: events, read models and outbox rows in one transaction. A retry (the
 * activity failed after its commit) stores nothing new: events are keyed by the id the workflow derived,
 * notifications by their idempotency key.
 */
@Injectable()
export class RecordingActivities {
  constructor(
    private readonly recorder: EventRecorder,
    private readonly outbox: NotificationOutbox,
  ) {}

  async recordEvents(request: RecordRequest): Promise<RecordResult> {
    const causedBy = request.events[request.events.length - 1]?.eventId;
    const stored = await this.recorder.record(request.events, async (manager) => {
      for (const notification of request.notifications ?? []) {
        await this.outbox.enqueue(manager, { ...notification, eventId: causedBy });
      }
    });
    return { appended: stored.length };
  }
}
