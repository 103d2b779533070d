import type { EventType, StoredEvent } from '@ocop/contracts';

/**
 * The vocabulary every projection is written in, once, and that two stores run: the live store (one event at a time,
 * inside the recording transaction: each effect is a SQL statement) and the replay store (a rebuild: every row held
 * in memory for the whole log, written at the end in bulk). A projection is a generator over one event that yields
 * effects — read a row, insert, update, upsert, move a counter — and gets back what a read found; it reads nothing
 * else (no clock, no other state), so both stores give the same rows.
 */

/** A read-model row: column name → value, as given to PostgreSQL (strings for times and bigints, JSON text for jsonb). */
export type Row = Record<string, unknown>;

/** The PostgreSQL type of a column, for casting the bulk writes of a rebuild. */
export type ColumnType = 'text' | 'uuid' | 'integer' | 'bigint' | 'timestamptz' | 'jsonb' | 'text[]';

export interface TableSpec {
  readonly name: string;
  /** Every column the projection writes, in a fixed order, with its type. */
  readonly columns: Readonly<Record<string, ColumnType>>;
  /** The columns a row is found by (a unique key): the effects' `key` values, in this order. */
  readonly key: readonly string[];
  /** For upserts: the constraint the live INSERT … ON CONFLICT names. */
  readonly conflict?: string;
}

/** The event fields a projection may read (a replay reads no more from the log). */
export type ProjectedEvent = Pick<StoredEvent, 'type' | 'streamId' | 'payload' | 'actor' | 'occurredAt' | 'position'>;

export type Effect =
  /** The row with this key (undefined when none); `lock` when the projection may then update it (FOR UPDATE). */
  | { readonly op: 'get'; readonly table: TableSpec; readonly key: readonly unknown[]; readonly lock: boolean }
  /** Of the rows whose key starts with these values, the one with the greatest last key column. */
  | { readonly op: 'latest'; readonly table: TableSpec; readonly key: readonly unknown[]; readonly lock: boolean }
  /** A new row: an error when its key is taken (a plain INSERT). */
  | { readonly op: 'insert'; readonly table: TableSpec; readonly row: Row }
  /** A row that replaces any with its key (INSERT … ON CONFLICT DO UPDATE every column). */
  | { readonly op: 'upsert'; readonly table: TableSpec; readonly row: Row }
  /** `before` (as a get returned it) becomes `after`; the key columns do not change. */
  | { readonly op: 'update'; readonly table: TableSpec; readonly before: Row; readonly after: Row }
  /** Adds `delta` to the products counted in a cycle_progress cell (created at 0 on first use, never deleted). */
  | { readonly op: 'count'; readonly cell: CycleProgressCell; readonly delta: 1 | -1 };

export interface CycleProgressCell {
  readonly province_code: unknown;
  readonly cycle_year: unknown;
  readonly stage: unknown;
  readonly district_code: unknown;
  readonly product_group: unknown;
}

/** What a projection yields and gets back: a read's row (or undefined), undefined for the writes. */
export type Projector = (event: ProjectedEvent) => Generator<Effect, void, Row | undefined>;

/**
 * Events a projection may change rows for: all the given conditions hold. A cheap test, run before the projection
 * on the live path and compiled to SQL for a replay (which reads nothing else from the log), so the two agree.
 */
export interface EventSelector {
  readonly streamPrefix?: string;
  readonly types?: readonly EventType[];
  /** A top-level key of the payload (the projection still checks its value). */
  readonly payloadKey?: string;
}

export interface ProjectionRule {
  readonly name: string;
  readonly selects: readonly EventSelector[];
  readonly project: Projector;
}

export const get = (table: TableSpec, key: readonly unknown[], lock = false): Effect => ({ op: 'get', table, key, lock });
export const latest = (table: TableSpec, key: readonly unknown[], lock = false): Effect => ({ op: 'latest', table, key, lock });
export const insert = (table: TableSpec, row: Row): Effect => ({ op: 'insert', table, row });
export const upsert = (table: TableSpec, row: Row): Effect => ({ op: 'upsert', table, row });
export const update = (table: TableSpec, before: Row, after: Row): Effect => ({ op: 'update', table, before, after });
export const count = (product: Row, stage: unknown, delta: 1 | -1): Effect => ({
  op: 'count',
  cell: {
    province_code: product.province_code,
    cycle_year: product.cycle_year,
    stage,
    district_code: product.district_code,
    product_group: product.product_group,
  },
  delta,
});

const hasOwn = (value: unknown, key: string): boolean =>
  typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key);

export function selects(rule: ProjectionRule, event: Pick<ProjectedEvent, 'type' | 'streamId' | 'payload'>): boolean {
  return rule.selects.some(
    (s) =>
      (s.streamPrefix === undefined || event.streamId.startsWith(s.streamPrefix)) &&
      (s.types === undefined || s.types.includes(event.type)) &&
      (s.payloadKey === undefined || hasOwn(event.payload, s.payloadKey)),
  );
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The SQL condition on `events` that holds for every event one of the rules selects (and possibly a few more). */
export function selectsSql(rules: readonly ProjectionRule[]): string {
  const terms = rules.flatMap((rule) =>
    rule.selects.map((s) => {
      const parts: string[] = [];
      if (s.streamPrefix !== undefined) parts.push(`stream_id LIKE ${literal(s.streamPrefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%')}`);
      if (s.types !== undefined) parts.push(s.types.length === 0 ? 'false' : `type IN (${s.types.map(literal).join(', ')})`);
      if (s.payloadKey !== undefined) parts.push(`payload ? ${literal(s.payloadKey)}`); // on a non-object payload, `?` may hold where the test does not: harmless
      return parts.length ? `(${parts.join(' AND ')})` : 'true';
    }),
  );
  return terms.length ? terms.join('\n    OR ') : 'false';
}

// Payload readers shared by the projections (payloads are plain JSON).
export type Payload = Record<string, unknown>;
export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
export const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
