import { agencyInbox, type NotificationRequest } from '@ocop/contracts';
import type { EventStream } from './event-stream';

/** How a workflow records a fact: its own `record`, which adds the fields its projections rely on. */
export type Recorder = (
  type: Parameters<EventStream['record']>[0],
  payload: Record<string, unknown>,
  actor: string,
  notifications?: NotificationRequest[],
) => Promise<void>;

type Template = NotificationRequest['template'];

/** A notice to an in-app inbox. */
export const inboxNotice = (
  idempotencyKey: string,
  recipient: string,
  template: Template,
  data: Record<string, unknown>,
): NotificationRequest => ({
  idempotencyKey,
  channel: 'inbox',
  recipient,
  template,
  data,
});

/** An agency (lab, inspector) is told by its webhook when it has one, else in its inbox. */
export interface AgencyAddress {
  readonly id: string;
  readonly webhookUrl?: string;
}
export const agencyNotice = (
  agency: AgencyAddress,
  idempotencyKey: string,
  template: Template,
  data: Record<string, unknown>,
): NotificationRequest =>
  agency.webhookUrl
    ? { idempotencyKey, channel: 'webhook', recipient: agency.webhookUrl, template, data }
    : inboxNotice(idempotencyKey, agencyInbox(agency.id), template, data);

/** A reminder as the log records it: which step, which reminder, when it was due to go out, and to whom. */
export interface SentReminder {
  readonly step: string;
  readonly kind: 'before' | 'missed';
  readonly daysBefore: number;
  readonly scheduledFor: string;
  readonly dueAt: string;
  readonly recipient: string;
}

/** Records a reminder (ReminderSent) together with the notice that carries it, in one transaction. */
export function recordReminder(record: Recorder, reminder: SentReminder, notice: NotificationRequest): Promise<void> {
  const { step, kind, daysBefore, scheduledFor, dueAt, recipient } = reminder;
  return record('ReminderSent', { step, kind, daysBefore, scheduledFor, dueAt, recipient }, 'system:reminders', [notice]);
}
