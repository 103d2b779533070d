import type { DataSource, EntityManager } from 'typeorm';

/** Anything raw SQL can go through: the data source, or the entity manager of the caller's transaction. */
export type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** TypeORM answers `UPDATE … RETURNING` / `DELETE … RETURNING` on PostgreSQL as `[rows, rowCount]`, everything else
 * as the rows; this gives the rows either way. */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
