import { Injectable } from '@nestjs/common';
import { organisationInbox, type NewEvent, type NotificationRequest } from '@ocop/contracts';
import type { EntityManager } from 'typeorm';
import { EventRecorder } from '@ocop/persistence';
import { NotificationOutbox } from '@ocop/notifications';

/** What every organisation's inbox address starts with (the address itself is written once, in the contracts). */
const ORGANISATION_INBOX_PREFIX = organisationInbox('');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
        const email = await emailCopyOf(manager, notification);
        if (email) await this.outbox.enqueue(manager, { ...email, eventId: causedBy });
      }
    });
    return { appended: stored.length };
  }
}

/**
 * A producer's inbox message is also e-mailed to its organisation's contact address, when it registered one:
 * the same message under its own key (`…:email`), so it too is stored — and sent — once. Read here rather than
 * carried by the workflow, so an address changed later is the one used.
 */
async function emailCopyOf(manager: EntityManager, notification: NotificationRequest): Promise<NotificationRequest | undefined> {
  if (notification.channel !== 'inbox' || !notification.recipient.startsWith(ORGANISATION_INBOX_PREFIX)) return undefined;
  const organisationId = notification.recipient.slice(ORGANISATION_INBOX_PREFIX.length);
  if (!UUID.test(organisationId)) return undefined; // not one of ours (organisation ids are UUIDs)
  const [row]: { contact_email: string | null }[] = await manager.query(
    `SELECT contact_email FROM organisations WHERE organisation_id = $1`,
    [organisationId],
  );
  if (!row?.contact_email) return undefined;
  return { ...notification, idempotencyKey: `${notification.idempotencyKey}:email`, channel: 'email', recipient: row.contact_email };
}
