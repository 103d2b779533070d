import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@ocop/persistence';

/** A data source on the migrated test database that global set-up prepared (real PostgreSQL). Failing queries are
 * expected in these tests, so TypeORM's query-error log is off. */
export async function openTestDatabase(url = process.env.OCOP_TEST_DATABASE_URL): Promise<DataSource> {
  if (!url) throw new Error('OCOP_TEST_DATABASE_URL is not set: run the tests through `npm test` (jest global set-up)');
  return new DataSource(dataSourceOptions(url, { extra: { max: 4 }, logging: false })).initialize();
}
