import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationTemplate, renderNotification } from './templates';

export const NOTIFICATION_CHANNELS = ['email', 'webhook', 'inbox'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export interface OutboxNotification {
  /** `<workflowId>:<purpose>:<dueDate>`: the same key enqueued again stores nothing new. */
  idempotencyKey: string;
  channel: NotificationChannel;
  /** An e-mail address, a webhook URL (http/https) or a user id (inbox), by channel. */
  recipient: string;
  template: NotificationTemplate;
  data: Record<string, unknown>;
  /** The event that caused the notification. */
  eventId?: string;
  /** Not delivered before this time (default: at once). */
  notBefore?: Date;
}

/**
 * Writes notifications to the outbox inside the caller's transaction, so a notification exists exactly when the
 * event that caused it does. Subject and body are rendered here (Vietnamese and English): a row is self-contained
 * and a later change of template wording never alters what was already queued.
 */
@Injectable()
export class NotificationOutbox {
  /** Returns true if this call stored the notification, false if its idempotency key was already queued. */
  async enqueue(manager: EntityManager, n: OutboxNotification): Promise<boolean> {
    assertNotification(n);
    const { subject, body } = renderNotification(n.template, n.data);
    // Due at once unless notBefore says otherwise; cut to milliseconds like a JavaScript Date, so a dispatcher asking
    // right after the commit (same clock) already finds the row due.
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification_outbox
         (idempotency_key, channel, recipient, template, data, subject_vi, subject_en, body_vi, body_en, event_id, status, attempts, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, 'pending', 0, COALESCE($11::timestamptz, date_trunc('milliseconds', now())))
       ON CONFLICT ON CONSTRAINT pk_notification_outbox DO NOTHING
       RETURNING idempotency_key`,
      [
        n.idempotencyKey,
        n.channel,
        n.recipient,
        n.template,
        JSON.stringify(n.data),
        subject.vi,
        subject.en,
        body.vi,
        body.en,
        n.eventId ?? null,
        n.notBefore ?? null,
      ],
    );
    return rows.length === 1;
  }
}

function assertNotification(n: OutboxNotification): void {
  if (typeof n.idempotencyKey !== 'string' || n.idempotencyKey.trim() === '')
    throw new Error('notification idempotencyKey must be a non-empty string');
  if (!(NOTIFICATION_CHANNELS as readonly string[]).includes(n.channel)) {
    throw new Error(
      `notification ${n.idempotencyKey}: channel must be one of ${NOTIFICATION_CHANNELS.join(', ')}, got ${JSON.stringify(n.channel)}`,
    );
  }
  if (typeof n.recipient !== 'string' || n.recipient.trim() === '')
    throw new Error(`notification ${n.idempotencyKey}: recipient must be a non-empty string`);
  if (n.channel === 'email' && !/^[^\s@]+@[^\s@]+$/.test(n.recipient)) {
    throw new Error(`notification ${n.idempotencyKey}: an email recipient must be an e-mail address, got ${JSON.stringify(n.recipient)}`);
  }
  if (n.channel === 'webhook' && !isHttpUrl(n.recipient)) {
    throw new Error(`notification ${n.idempotencyKey}: a webhook recipient must be an http(s) URL, got ${JSON.stringify(n.recipient)}`);
  }
  if (n.notBefore !== undefined && !(n.notBefore instanceof Date && !Number.isNaN(n.notBefore.getTime()))) {
    throw new Error(`notification ${n.idempotencyKey}: notBefore must be a valid Date`);
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
