import { EntityManager } from 'typeorm';
import { CYCLE_PROGRESS } from './read-model-tables';
import { Effect, ProjectedEvent, ProjectionRule, Row, selects, TableSpec } from './read-model';

/**
 * Runs a projection on one event inside the caller's transaction: every effect is one SQL statement on the live
 * tables. Rows a projection may update are read FOR UPDATE, so concurrent recorders touching the same row take
 * turns; counters move by atomic increments (many journeys share a cycle_progress cell).
 */
export async function projectLive(
  manager: EntityManager,
  rule: ProjectionRule,
  event: ProjectedEvent,
  counters?: CounterMoves,
): Promise<void> {
  if (!selects(rule, event)) return;
  const steps = rule.project(event);
  for (let step = steps.next(); !step.done;) step = steps.next(await run(manager, step.value, counters));
}

/**
 * Counter moves held back to the end of the recording transaction: a `cycle_progress` cell is shared by every
 * journey of a district, group and stage, and its row lock is held from the UPDATE to the commit. Applied last, net
 * per cell and in key order, the lock lasts only as long as the commit and two recorders never wait on each other
 * in a circle (measured with `npm run bench`: without this, 16 councils recording at once queued behind a few cells).
 */
export class CounterMoves {
  private readonly moves = new Map<string, { key: unknown[]; delta: number }>();

  add(key: unknown[], delta: number): void {
    const id = JSON.stringify(key);
    const move = this.moves.get(id) ?? { key, delta: 0 };
    move.delta += delta;
    this.moves.set(id, move);
  }

  async flush(manager: EntityManager): Promise<void> {
    const due = [...this.moves.entries()].filter(([, m]) => m.delta !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.moves.clear();
    for (const [, { key, delta }] of due) {
      // A CHECK applies to the row an INSERT proposes even when ON CONFLICT would turn it into an update, so a
      // decrement is a plain UPDATE (its row exists: the product was counted there when it arrived).
      if (delta > 0) {
        await manager.query(
          `INSERT INTO cycle_progress (province_code, cycle_year, stage, district_code, product_group, products) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT ON CONSTRAINT pk_cycle_progress DO UPDATE SET products = cycle_progress.products + EXCLUDED.products`,
          [...key, delta],
        );
      } else {
        await manager.query(
          `UPDATE cycle_progress SET products = products + $6
            WHERE province_code = $1 AND cycle_year = $2 AND stage = $3 AND district_code = $4 AND product_group = $5`,
          [...key, delta],
        );
      }
    }
  }
}

async function run(manager: EntityManager, effect: Effect, counters?: CounterMoves): Promise<Row | undefined> {
  switch (effect.op) {
    case 'get': {
      if (effect.key.some((value) => value == null)) return undefined; // `= NULL` matches nothing
      const rows: Row[] = await manager.query(`${sql(effect.table).select}${effect.lock ? ' FOR UPDATE' : ''}`, [...effect.key]);
      return rows[0];
    }
    case 'latest': {
      if (effect.key.some((value) => value == null)) return undefined;
      const rows: Row[] = await manager.query(`${sql(effect.table).latest}${effect.lock ? ' FOR UPDATE' : ''}`, [...effect.key]);
      return rows[0];
    }
    case 'insert':
      await manager.query(sql(effect.table).insert, values(effect.table, effect.row));
      return undefined;
    case 'upsert':
      await manager.query(sql(effect.table).upsert, values(effect.table, effect.row));
      return undefined;
    case 'update': {
      const { table, before, after } = effect;
      const changed = Object.keys(table.columns).filter((column) => !table.key.includes(column) && after[column] !== before[column]);
      if (changed.length === 0) return undefined;
      await manager.query(
        `UPDATE ${table.name} SET ${changed.map((column, i) => `${column} = $${i + 1}`).join(', ')} WHERE ${where(table, changed.length)}`,
        [...changed.map((column) => after[column]), ...table.key.map((column) => before[column])],
      );
      return undefined;
    }
    case 'count': {
      const c = effect.cell;
      const key = [c.province_code, c.cycle_year, c.stage, c.district_code, c.product_group];
      if (counters) {
        counters.add(key, effect.delta);
        return undefined;
      }
      // A CHECK applies to the row an INSERT proposes even when ON CONFLICT would turn it into an update, so a
      // decrement is a plain UPDATE (its row exists: the product was counted there when it arrived).
      await manager.query(effect.delta > 0 ? sql(CYCLE_PROGRESS).increment : sql(CYCLE_PROGRESS).decrement, key);
      return undefined;
    }
  }
}

const values = (table: TableSpec, row: Row): unknown[] => Object.keys(table.columns).map((column) => row[column]);
const where = (table: TableSpec, offset = 0): string => table.key.map((column, i) => `${column} = $${offset + i + 1}`).join(' AND ');

interface Statements {
  select: string;
  latest: string;
  insert: string;
  upsert: string;
  increment: string;
  decrement: string;
}
const statements = new Map<TableSpec, Statements>();

function sql(table: TableSpec): Statements {
  let known = statements.get(table);
  if (!known) {
    const columns = Object.keys(table.columns);
    const params = columns.map((_, i) => `$${i + 1}`).join(', ');
    const insert = `INSERT INTO ${table.name} (${columns.join(', ')}) VALUES (${params})`;
    const prefix = table.key.slice(0, -1);
    const last = table.key[table.key.length - 1]!;
    known = {
      select: `SELECT * FROM ${table.name} WHERE ${where(table)}`,
      latest: `SELECT * FROM ${table.name} WHERE ${prefix.map((column, i) => `${column} = $${i + 1}`).join(' AND ') || 'true'} ORDER BY ${last} DESC LIMIT 1`,
      insert,
      upsert: `${insert} ON CONFLICT ON CONSTRAINT ${table.conflict} DO UPDATE SET ${columns
        .filter((column) => !table.key.includes(column))
        .map((column) => `${column} = EXCLUDED.${column}`)
        .join(', ')}`,
      increment: `INSERT INTO ${table.name} (${table.key.join(', ')}, products) VALUES (${table.key.map((_, i) => `$${i + 1}`).join(', ')}, 1)
                  ON CONFLICT ON CONSTRAINT ${table.conflict} DO UPDATE SET products = ${table.name}.products + 1`,
      decrement: `UPDATE ${table.name} SET products = products - 1 WHERE ${where(table)}`,
    };
    statements.set(table, known);
  }
  return known;
}
