import { randomUUID } from 'node:crypto';
import { runMigrations } from '@ocop/persistence';

// infra/postgres.js is plain CommonJS shared with `npm run dev`.
const { ensureDatabase, dropDatabase } = require('../../infra/postgres') as {
  ensureDatabase: (serverUrl: string, name: string) => Promise<string>;
  dropDatabase: (serverUrl: string, name: string) => Promise<void>;
};

/** A fresh, migrated database on the test server, for a test that must own every row (e.g. a rebuild). */
export async function createOwnDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = process.env.OCOP_TEST_DATABASE_URL;
  if (!server) throw new Error('OCOP_TEST_DATABASE_URL is not set: run the tests through `npm test`');
  const name = `ocop_own_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = await ensureDatabase(server, name);
  await runMigrations(url);
  return { url, drop: () => dropDatabase(server, name) };
}
