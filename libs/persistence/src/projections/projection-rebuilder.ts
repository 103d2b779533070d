import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventType } from '@ocop/contracts';
import { EventStore } from '../event-store/event-store';
import { Projections, READ_MODEL_TABLES } from './projections';
import { READ_MODEL_SPECS } from './read-model-tables';
import { ProjectedEvent, selectsSql } from './read-model';
import { ReplayStore } from './replay-store';

export interface RebuildProgress {
  readonly applied: number;
  readonly total: number;
}

interface ReplayedRow {
  position: string;
  stream_id: string;
  type: string;
  payload: Record<string, unknown>;
  actor: string;
  occurred_at: Date;
}

/**
 * Replays the whole event log through the projections and replaces the read models with the result, in one
 * transaction. The replay runs the same projection rules as the live path, in memory (ReplayStore): the log is read
 * in batches by position, only the events some projection selects and only the columns projections read; the rows
 * are written at the end, table by table, with multi-row INSERTs. Meanwhile readers and recorders use the old
 * tables; then the read models are locked (recorders that write them wait), the events committed in the meantime
 * are replayed too, and the tables are emptied and filled: readers see the old tables until the new ones are
 * complete. The notification outbox is not a read model (it records what was sent) and is left alone.
 */
@Injectable()
export class ProjectionRebuilder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    // Kept for the callers' wiring; the replay reads the log with a query of its own (fewer columns, fewer events).
    readonly eventStore: EventStore,
    private readonly projections: Projections,
  ) {}

  async rebuild(options: { batchSize?: number; onProgress?: (progress: RebuildProgress) => void } = {}): Promise<RebuildProgress> {
    const batchSize = Math.max(1, options.batchSize ?? 20_000);
    const rules = this.projections.rules;
    const wanted = selectsSql(rules);
    const result = await this.dataSource.transaction(async (manager) => {
      const [{ total }]: { total: number }[] = await manager.query(`SELECT count(*)::int AS total FROM events`);
      let store = new ReplayStore(rules);
      let after = '0';
      let applied = 0;
      let selected = 0;
      const readOn = async () => {
        for (;;) {
          const batch = await this.nextBatch(manager, after, batchSize, wanted);
          if (!batch) return;
          for (const event of batch.events) store.apply(event);
          selected += batch.events.length;
          applied += batch.count;
          after = batch.last;
          options.onProgress?.({ applied, total: Math.max(total, applied) });
        }
      };
      await readOn();
      // From here on no recorder writes a read model until this transaction ends (it waits for the lock), so no
      // event that changes one commits: replay those committed while the log was read, then fill the tables.
      await manager.query(`LOCK TABLE ${READ_MODEL_SPECS.map((t) => t.name).join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await readOn();
      // An event committed late, below a position already read (positions are taken before commit)? If one a
      // projection selects did, replay it all again (in log order), now that no such event can commit.
      const count = async (condition: string) =>
        (
          (await manager.query(`SELECT count(*)::int AS n FROM events WHERE position <= $1 AND (${condition})`, [after])) as { n: number }[]
        )[0]!.n;
      if ((await count('true')) !== applied && (await count(wanted)) !== selected) {
        store = new ReplayStore(rules);
        after = '0';
        applied = 0;
        selected = 0;
        await readOn();
      }
      await manager.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
      await store.write(manager, READ_MODEL_SPECS);
      return { applied, total: Math.max(total, applied) };
    });
    // Freshly written tables have no visibility map and no statistics: the dashboard's index-only counts would read
    // the heap (≈ 10× slower at 100,000 products) until autovacuum came by. VACUUM cannot run in a transaction.
    await this.dataSource.query(`VACUUM (ANALYZE) ${READ_MODEL_TABLES.join(', ')}`);
    return result;
  }

  /**
   * The read models as they stood at the instant `until`, for `read` to query: the events that occurred before it are
   * replayed, in log order, through the same projections (ReplayStore) into temporary tables named as the read models,
   * which hide the real ones on this connection (PostgreSQL looks in the session's pg_temp schema first) — so `read`
   * runs the very queries it runs on the live tables. Everything happens in one transaction that is rolled back: the
   * temporary tables vanish and nothing is written. Memory grows with the read models' rows up to `until`, as in a rebuild.
   */
  async asOf<T>(until: Date, read: (manager: EntityManager) => Promise<T>, options: { batchSize?: number } = {}): Promise<T> {
    const batchSize = Math.max(1, options.batchSize ?? 20_000);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // One snapshot for the whole replay: events committed meanwhile are not half seen.
      await runner.startTransaction('REPEATABLE READ');
      const manager = runner.manager;
      for (const table of READ_MODEL_SPECS)
        await manager.query(`CREATE TEMP TABLE ${table.name} (LIKE ${table.name} INCLUDING ALL) ON COMMIT DROP`);
      const store = new ReplayStore(this.projections.rules);
      const wanted = selectsSql(this.projections.rules);
      let after = '0';
      for (;;) {
        const rows: ReplayedRow[] = await manager.query(
          `SELECT position, stream_id, type, payload, actor, occurred_at FROM events
            WHERE position > $1 AND occurred_at < $2 AND (${wanted})
            ORDER BY position LIMIT $3`,
          [after, until, batchSize],
        );
        for (const row of rows) store.apply(toProjected(row));
        if (rows.length < batchSize) break;
        after = String(rows[rows.length - 1]!.position);
      }
      await store.write(manager, READ_MODEL_SPECS);
      return await read(manager);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /**
   * The next `size` events of the log after position `after`: how many, the last position, and those a projection
   * selects (the others are counted, never sent).
   */
  private async nextBatch(
    manager: EntityManager,
    after: string,
    size: number,
    wanted: string,
  ): Promise<{ count: number; last: string; events: ProjectedEvent[] } | undefined> {
    const [bound]: { last: string | null; count: number }[] = await manager.query(
      `SELECT max(position)::text AS last, count(*)::int AS count FROM (SELECT position FROM events WHERE position > $1 ORDER BY position LIMIT $2) batch`,
      [after, size],
    );
    if (!bound || bound.count === 0 || bound.last === null) return undefined;
    const rows: ReplayedRow[] = await manager.query(
      `SELECT position, stream_id, type, payload, actor, occurred_at FROM events
        WHERE position > $1 AND position <= $2 AND (${wanted})
        ORDER BY events.position`,
      [after, bound.last],
    );
    const events = rows.map(toProjected);
    return { count: bound.count, last: bound.last, events };
  }
}

function toProjected(row: ReplayedRow): ProjectedEvent {
  return {
    position: String(row.position), // a bigint: node-postgres gives its text
    streamId: row.stream_id,
    type: row.type as EventType,
    payload: row.payload as ProjectedEvent['payload'],
    actor: row.actor,
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}
