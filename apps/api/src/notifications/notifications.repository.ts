import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface InboxRow {
  message_id: string;
  recipient: string;
  subject_vi: string;
  subject_en: string;
  body_vi: string;
  body_en: string;
  created_at: Date;
  read_at: Date | null;
  /** From the outbox row that delivered it (kept after delivery): what the message is about. */
  template: string | null;
  data: Record<string, unknown> | null;
}

/** An inbox row with the template and data of the outbox row that delivered it (same key). */
const SELECT_MESSAGE = `SELECT m.*, o.template, o.data FROM inbox_messages m
  LEFT JOIN notification_outbox o ON o.idempotency_key = m.message_id`;

/** The in-app inbox (`inbox_messages`, filled by the notification dispatcher) across a user's recipients. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Newest first (served by ix_inbox_messages_recipient_created per recipient). */
  list(recipients: readonly string[], unreadOnly: boolean, limit: number): Promise<InboxRow[]> {
    return this.db.query(
      `${SELECT_MESSAGE}
        WHERE m.recipient = ANY($1::text[]) AND ($2::boolean IS NOT TRUE OR m.read_at IS NULL)
        ORDER BY m.created_at DESC, m.message_id
        LIMIT $3`,
      [recipients, unreadOnly, limit],
    );
  }

  async unread(recipients: readonly string[]): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM inbox_messages WHERE recipient = ANY($1::text[]) AND read_at IS NULL`,
      [recipients],
    );
    return row.n;
  }

  async find(messageId: string, recipients: readonly string[]): Promise<InboxRow | undefined> {
    const [row]: InboxRow[] = await this.db.query(`${SELECT_MESSAGE} WHERE m.message_id = $1 AND m.recipient = ANY($2::text[])`, [
      messageId,
      recipients,
    ]);
    return row;
  }

  /** Marks the message read if it is not yet (inside the caller's transaction); the row when this call marked it. */
  async markReadIfUnread(
    manager: EntityManager,
    messageId: string,
    recipients: readonly string[],
    at: Date,
  ): Promise<InboxRow | undefined> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING as [rows, count], a SELECT as the rows.
    const [row]: InboxRow[] = await manager.query(
      `WITH marked AS (
         UPDATE inbox_messages SET read_at = $3 WHERE message_id = $1 AND recipient = ANY($2::text[]) AND read_at IS NULL RETURNING *
       )
       SELECT * FROM marked`,
      [messageId, recipients, at],
    );
    return row;
  }
}
