import { EntityManager } from 'typeorm';
import { CYCLE_PROGRESS } from './read-model-tables';
import { ColumnType, Effect, ProjectedEvent, ProjectionRule, Row, selects, TableSpec } from './read-model';

/**
 * Runs the projections over a whole log in memory, for a rebuild: every row stays in a map for the whole replay
 * (each effect is a map operation, no SQL), then `write` fills the emptied tables with multi-row INSERTs. Keys are
 * compared as PostgreSQL compares the key columns' values (uuids whatever their spelling), and what the live SQL would
 * refuse is refused here too (a taken key, a null key, a counter below zero), so a log the live path could not have
 * written fails the rebuild instead of giving other rows.
 */
export class ReplayStore {
  private readonly tables = new Map<TableSpec, Map<string, Row>>();
  /** For `latest`: per table, the key prefix → the full key of the row with the greatest last key column. */
  private readonly latestByPrefix = new Map<TableSpec, Map<string, { key: string; last: number }>>();

  constructor(private readonly rules: readonly ProjectionRule[]) {}

  /** Applies one event to every projection that selects it, in the rules' order. */
  apply(event: ProjectedEvent): void {
    for (const rule of this.rules) {
      if (!selects(rule, event)) continue;
      const steps = rule.project(event);
      for (let step = steps.next(); !step.done;) step = steps.next(this.run(step.value));
    }
  }

  rows(table: TableSpec): Row[] {
    return [...this.rowsOf(table).values()];
  }

  private rowsOf(table: TableSpec): Map<string, Row> {
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new Map()));
    return rows;
  }

  private run(effect: Effect): Row | undefined {
    switch (effect.op) {
      case 'get': {
        const key = keyOf(effect.table, effect.key);
        return key === undefined ? undefined : this.rowsOf(effect.table).get(key);
      }
      case 'latest': {
        const prefix = keyOf(effect.table, effect.key);
        const found = prefix === undefined ? undefined : this.latestByPrefix.get(effect.table)?.get(prefix);
        return found && this.rowsOf(effect.table).get(found.key);
      }
      case 'insert':
      case 'upsert': {
        const { table, row } = effect;
        const key = keyOf(
          table,
          table.key.map((column) => row[column]),
        );
        if (key === undefined) throw new Error(`${table.name}: a key column (${table.key.join(', ')}) is null`);
        const rows = this.rowsOf(table);
        if (effect.op === 'insert' && rows.has(key)) throw new Error(`${table.name}: duplicate key (${key.replace(/\0/g, ', ')})`);
        rows.set(key, row);
        if (table.key.length > 1) this.noteLatest(table, key, row);
        return undefined;
      }
      case 'update': {
        const { table, before, after } = effect;
        this.rowsOf(table).set(
          keyOf(
            table,
            table.key.map((column) => before[column]),
          )!,
          after,
        );
        return undefined;
      }
      case 'count': {
        const c = effect.cell;
        const values = [c.province_code, c.cycle_year, c.stage, c.district_code, c.product_group];
        const key = keyOf(CYCLE_PROGRESS, values);
        const rows = this.rowsOf(CYCLE_PROGRESS);
        const cell = key === undefined ? undefined : rows.get(key);
        if (effect.delta < 0) {
          // UPDATE … SET products = products - 1: no row, no change; below zero, ck_cycle_progress_non_negative.
          if (!cell) return undefined;
          if ((cell.products as number) < 1)
            throw new Error(`cycle_progress: the count of (${key!.replace(/\0/g, ', ')}) would fall below zero`);
          cell.products = (cell.products as number) - 1;
          return undefined;
        }
        if (key === undefined) throw new Error('cycle_progress: a key column is null');
        if (cell) cell.products = (cell.products as number) + 1;
        else rows.set(key, { ...c, products: 1 });
        return undefined;
      }
    }
  }

  private noteLatest(table: TableSpec, key: string, row: Row): void {
    const prefix = key.slice(0, key.lastIndexOf('\0'));
    const last = Number(row[table.key[table.key.length - 1]!]);
    let latest = this.latestByPrefix.get(table);
    if (!latest) this.latestByPrefix.set(table, (latest = new Map()));
    const known = latest.get(prefix);
    if (!known || last > known.last) latest.set(prefix, { key, last });
  }

  /**
   * Inserts every row held into the (emptied) tables, `chunk` rows a statement: one array parameter a column,
   * unnested (cast to the column's type, as the live statements' parameters are).
   */
  async write(manager: EntityManager, tables: readonly TableSpec[], chunk = 5000): Promise<void> {
    for (const table of tables) {
      const rows = this.rows(table);
      const columns = Object.entries(table.columns);
      const names = columns.map(([column]) => column).join(', ');
      // An array column cannot go through unnest (it would flatten it): a VALUES list, within PostgreSQL's 65,535 parameters.
      const valuesList = columns.some(([, type]) => type.endsWith('[]'));
      const size = valuesList ? Math.max(1, Math.min(chunk, Math.floor(65_535 / columns.length))) : chunk;
      for (let from = 0; from < rows.length; from += size) {
        const part = rows.slice(from, from + size);
        if (valuesList) {
          const per = columns.length;
          const tuples = part.map((_, r) => `(${columns.map(([, type], c) => `$${r * per + c + 1}::${type}`).join(', ')})`);
          await manager.query(
            `INSERT INTO ${table.name} (${names}) VALUES ${tuples.join(', ')}`,
            part.flatMap((row) => columns.map(([column]) => row[column])),
          );
        } else {
          await manager.query(
            `INSERT INTO ${table.name} (${names}) SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
            columns.map(([column]) => part.map((row) => row[column])),
          );
        }
      }
    }
  }
}

/**
 * A map key for key column values, equal when PostgreSQL finds them equal (as the parameters node-postgres sends);
 * undefined when one is null (`= NULL` finds nothing).
 */
function keyOf(table: TableSpec, values: readonly unknown[]): string | undefined {
  let key = '';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value === null || value === undefined) return undefined;
    const text =
      typeof value === 'string'
        ? normalise(table.columns[table.key[i]!]!, value)
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
    key += (i ? '\0' : '') + text;
  }
  return key;
}

function normalise(type: ColumnType, text: string): string {
  if (type === 'uuid') return text.toLowerCase().replace(/[{}-]/g, '');
  if (type === 'integer' || type === 'bigint') return /^\s*[+-]?\d+\s*$/.test(text) ? String(BigInt(text.trim())) : text;
  return text;
}
