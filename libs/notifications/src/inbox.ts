import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Bilingual } from './templates';
import { Queryable, returnedRows } from './sql';

/** A message in a user's in-app inbox (delivered there by the dispatcher from the outbox). */
export interface InboxMessage {
  /** The outbox idempotency key that delivered it. */
  readonly messageId: string;
  readonly recipient: string;
  readonly subject: Bilingual;
  readonly body: Bilingual;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export interface InboxListOptions {
  readonly unreadOnly?: boolean;
  /** At most this many, newest first (default 100). */
  readonly limit?: number;
}

interface InboxRow {
  message_id: string;
  recipient: string;
  subject_vi: string;
  subject_en: string;
  body_vi: string;
  body_en: string;
  created_at: Date;
  read_at: Date | null;
}

/** Reads and marks a user's in-app inbox. */
@Injectable()
export class Inbox {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The recipient's messages, newest first. */
  async list(db: Queryable, recipient: string, options: InboxListOptions = {}): Promise<InboxMessage[]> {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const rows: InboxRow[] = await db.query(
      `SELECT * FROM inbox_messages
        WHERE recipient = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
        ORDER BY created_at DESC, message_id
        LIMIT $3`,
      [recipient, options.unreadOnly === true, limit],
    );
    return rows.map(toMessage);
  }

  /**
   * Marks the recipient's message read (the first time counts: marking it again keeps that time). False when the
   * recipient has no such message — someone else's message is never touched.
   */
  async markRead(recipient: string, messageId: string, db: Queryable = this.dataSource, now: Date = new Date()): Promise<boolean> {
    const result: unknown = await db.query(
      `UPDATE inbox_messages SET read_at = COALESCE(read_at, $3)
        WHERE message_id = $1 AND recipient = $2
        RETURNING message_id`,
      [messageId, recipient, now],
    );
    return returnedRows(result).length === 1;
  }
}

function toMessage(row: InboxRow): InboxMessage {
  return {
    messageId: row.message_id,
    recipient: row.recipient,
    subject: { vi: row.subject_vi, en: row.subject_en },
    body: { vi: row.body_vi, en: row.body_en },
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}
