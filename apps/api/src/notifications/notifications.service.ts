import { Injectable } from '@nestjs/common';
import { describeNotice } from '@ocop/contracts';
import { OcopError } from '@ocop/domain';
import { actorLabelOf, inboxRecipientsOf, type AuthUser } from '@ocop/identity';
import { EventRecorder } from '@ocop/persistence';
import { CallContext, idFor } from '../common/call-context';
import { NotificationResponse } from './dto/notification.dto';
import { InboxRow, NotificationsRepository } from './notifications.repository';

/** Thrown inside the transaction to roll it back when the message was read already: a repeat records nothing. */
class AlreadyRead extends Error {}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly recorder: EventRecorder,
  ) {}

  /** The caller's messages in every inbox it reads, newest first, and how many of them are unread. */
  async list(user: AuthUser, unreadOnly: boolean, limit: number): Promise<{ messages: NotificationResponse[]; unread: number }> {
    const recipients = inboxRecipientsOf(user);
    const [rows, unread] = await Promise.all([this.repository.list(recipients, unreadOnly, limit), this.repository.unread(recipients)]);
    return { messages: rows.map(toNotificationResponse), unread };
  }

  /**
   * Marks a message of the caller's inboxes read. Only the first time counts: the row gets its read time and a
   * `NotificationRead` fact goes to `inbox:<userId>`, in one transaction; reading it again (by anyone, with or
   * without the same Idempotency-Key) changes nothing and records nothing.
   */
  async markRead(messageId: string, call: CallContext): Promise<NotificationResponse> {
    const user = call.actor;
    const recipients = inboxRecipientsOf(user);
    const now = new Date();
    try {
      await this.recorder.recordFact(
        {
          eventId: idFor(call, 'notification-read'),
          streamId: `inbox:${user.userId}`,
          type: 'NotificationRead',
          payload: { messageId, readAt: now.toISOString() },
          actor: actorLabelOf(user),
          occurredAt: now.toISOString(),
        },
        async (manager) => {
          if (!(await this.repository.markReadIfUnread(manager, messageId, recipients, now))) throw new AlreadyRead();
        },
      );
    } catch (error) {
      if (!(error instanceof AlreadyRead)) throw error;
    }
    const row = await this.repository.find(messageId, recipients);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'notification', id: messageId });
    return toNotificationResponse(row);
  }
}

export function toNotificationResponse(row: InboxRow): NotificationResponse {
  return {
    messageId: row.message_id,
    recipient: row.recipient,
    ...describeNotice(row.message_id, row.template ?? null, row.data ?? null),
    subject: { vi: row.subject_vi, en: row.subject_en },
    body: { vi: row.body_vi, en: row.body_en },
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}
