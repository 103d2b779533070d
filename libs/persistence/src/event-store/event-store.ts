import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NewEvent, StoredEvent } from '@ocop/contracts';
import { OcopError } from '@ocop/domain';

interface EventRow {
  event_id: string;
  position: string;
  stream_id: string;
  stream_seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: string;
  occurred_at: Date;
  recorded_at: Date;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Appends to the event log. Idempotent by event id: appending an event that is already stored, with the same
 * content, stores nothing and reports nothing new; the same id with other content, or another event at an
 * occupied stream position, is an error.
 */
@Injectable()
export class EventStore {
  /** Appends inside the caller's transaction; returns only the events this call stored. */
  async append(manager: EntityManager, events: readonly NewEvent[]): Promise<StoredEvent[]> {
    const stored: StoredEvent[] = [];
    for (const event of events) {
      const inserted = await this.insert(manager, event);
      if (inserted) stored.push(inserted);
      else await this.assertSameAsStored(manager, event);
    }
    return stored;
  }

  async readStream(manager: EntityManager, streamId: string): Promise<StoredEvent[]> {
    const rows: EventRow[] = await manager.query(`SELECT * FROM events WHERE stream_id = $1 ORDER BY stream_seq`, [streamId]);
    return rows.map(toStoredEvent);
  }

  /** Up to `limit` events after a global position, in log order (for replays). */
  async readAfter(manager: EntityManager, afterPosition: string, limit: number): Promise<StoredEvent[]> {
    const rows: EventRow[] = await manager.query(`SELECT * FROM events WHERE position > $1 ORDER BY position LIMIT $2`, [
      afterPosition,
      limit,
    ]);
    return rows.map(toStoredEvent);
  }

  private async insert(manager: EntityManager, event: NewEvent): Promise<StoredEvent | undefined> {
    try {
      const rows: EventRow[] = await manager.query(
        `INSERT INTO events (event_id, stream_id, stream_seq, type, payload, actor, occurred_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
         ON CONFLICT ON CONSTRAINT pk_events DO NOTHING
         RETURNING *`,
        [event.eventId, event.streamId, event.streamSeq, event.type, JSON.stringify(event.payload), event.actor, event.occurredAt],
      );
      return rows[0] ? toStoredEvent(rows[0]) : undefined;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_events_stream_seq')) {
        throw new OcopError('EVENT_SEQUENCE_CONFLICT', { streamId: event.streamId, streamSeq: event.streamSeq, eventId: event.eventId });
      }
      throw error;
    }
  }

  private async assertSameAsStored(manager: EntityManager, event: NewEvent): Promise<void> {
    const [same]: { same: boolean }[] = await manager.query(
      `SELECT (stream_id = $2 AND stream_seq = $3 AND type = $4 AND payload = $5::jsonb AND actor = $6) AS same
         FROM events WHERE event_id = $1`,
      [event.eventId, event.streamId, event.streamSeq, event.type, JSON.stringify(event.payload), event.actor],
    );
    if (!same?.same) throw new OcopError('EVENT_CONFLICT', { eventId: event.eventId });
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError =
    (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
  return driverError.code === UNIQUE_VIOLATION && driverError.constraint === constraint;
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    position: String(row.position),
    streamId: row.stream_id,
    streamSeq: row.stream_seq,
    type: row.type as StoredEvent['type'],
    payload: row.payload as unknown as StoredEvent['payload'],
    actor: row.actor,
    occurredAt: new Date(row.occurred_at).toISOString(),
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}
