import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';
import { Projections, READ_MODEL_TABLES } from './projections';

export interface RebuildProgress {
  readonly applied: number;
  readonly total: number;
}

/**
 * Drops the read models and replays the whole event log through the projections, in one transaction: readers
 * see the old tables until the new ones are complete. The notification outbox is not a read model (it records
 * what was sent) and is left alone.
 */
@Injectable()
export class ProjectionRebuilder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projections: Projections,
  ) {}

  async rebuild(options: { batchSize?: number; onProgress?: (progress: RebuildProgress) => void } = {}): Promise<RebuildProgress> {
    const batchSize = options.batchSize ?? 5000;
    return this.dataSource.transaction(async (manager) => {
      const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM events`);
      await manager.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
      let after = '0';
      let applied = 0;
      for (;;) {
        const rows: Record<string, unknown>[] = await manager.query(`SELECT * FROM events WHERE position > $1 ORDER BY position LIMIT $2`, [after, batchSize]);
        if (rows.length === 0) break;
        const events = rows.map(toStoredEvent);
        await this.projections.apply(manager, events);
        applied += events.length;
        after = events[events.length - 1]!.position;
        options.onProgress?.({ applied, total });
      }
      return { applied, total };
    });
  }
}

function toStoredEvent(row: Record<string, unknown>): StoredEvent {
  return {
    eventId: row.event_id as string,
    position: String(row.position),
    streamId: row.stream_id as string,
    streamSeq: row.stream_seq as number,
    type: row.type as StoredEvent['type'],
    payload: row.payload as StoredEvent['payload'],
    actor: row.actor as string,
    occurredAt: new Date(row.occurred_at as string).toISOString(),
    recordedAt: new Date(row.recorded_at as string).toISOString(),
  };
}
