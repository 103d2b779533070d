import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventStore } from '../event-store/event-store';
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
    private readonly eventStore: EventStore,
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
        const events = await this.eventStore.readAfter(manager, after, batchSize);
        if (events.length === 0) break;
        await this.projections.apply(manager, events);
        applied += events.length;
        after = events[events.length - 1]!.position;
        options.onProgress?.({ applied, total });
      }
      return { applied, total };
    });
  }
}
