'use strict';
// Starts the real servers the selected test tiers need, once per `jest` run:
//   integration, workflow → PostgreSQL (embedded, or the server in DATABASE_URL) with a fresh, migrated database;
//   workflow              → the Java time-skipping test server's launcher path (each suite starts its own server);
//   e2e                   → also the Temporal dev server, and the built worker and API as real processes;
//   topology              → nothing here: its suite starts a whole cluster of its own (test/support/topology-stack.ts).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const STATE = Symbol.for('ocop-flow.test-stack');

/**
 * The tiers this run needs servers for. Jest does not tell global set-up which projects were selected, so
 * `npm test` passes them in OCOP_TEST_TIERS (and `--selectProjects` on a bare `npx jest` is read from argv).
 */
function selectedTiers() {
  const all = ['unit', 'integration', 'workflow', 'e2e', 'topology'];
  if (process.env.OCOP_TEST_TIERS) return all.filter((tier) => process.env.OCOP_TEST_TIERS.split(',').includes(tier));
  const at = process.argv.indexOf('--selectProjects');
  if (at === -1) return all;
  const chosen = [];
  for (let i = at + 1; i < process.argv.length && !process.argv[i].startsWith('-'); i += 1) chosen.push(process.argv[i]);
  return all.filter((tier) => chosen.includes(tier));
}

module.exports = async function globalSetup() {
  const tiers = selectedTiers();
  const stack = { stops: [] };
  globalThis[STATE] = stack;
  const log = (line) => process.env.OCOP_VERBOSE && console.log(line);
  const needsDatabase = tiers.some((t) => t !== 'unit' && t !== 'topology');
  if (!needsDatabase) return;

  const { startPostgres, ensureDatabase, dropDatabase } = require(path.join(ROOT, 'infra', 'postgres'));
  const { freePort } = require(path.join(ROOT, 'infra', 'lib', 'net'));
  const { runMigrations } = await loadPersistence();

  let serverUrl;
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-test-pg-'));
    fs.chmodSync(dataDir, 0o755);
    const pg = await startPostgres({
      dataDir: path.join(dataDir, 'data'),
      port: await freePort(),
      database: 'postgres',
      persistent: false,
      fast: true,
      log,
    });
    stack.stops.push(async () => {
      await pg.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    serverUrl = pg.url;
  }
  // Throwaway databases, named per run so parallel runs against one external server never meet.
  const suffix = `${process.pid}`;
  const databases = { test: `ocop_test_${suffix}`, e2e: `ocop_e2e_${suffix}` };
  const testUrl = await ensureDatabase(serverUrl, databases.test);
  await runMigrations(testUrl);
  process.env.OCOP_TEST_DATABASE_URL = testUrl;
  stack.stops.unshift(() => dropDatabase(serverUrl, databases.test).catch(() => undefined));

  // A real S3 server (SeaweedFS) for the S3 document driver: the integration tests use it beside the local driver,
  // and the end-to-end API stores its documents there.
  if (tiers.includes('integration') || tiers.includes('e2e')) {
    const weed = await require(path.join(ROOT, 'infra', 'toolchain', 'seaweedfs')).ensureSeaweedfs();
    const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-test-s3-'));
    const s3 = await require(path.join(ROOT, 'infra', 'seaweedfs-server')).startSeaweedfs({ weed, dataDir: s3Dir, log });
    stack.stops.unshift(async () => {
      await s3.stop();
      fs.rmSync(s3Dir, { recursive: true, force: true });
    });
    Object.assign(process.env, {
      OCOP_TEST_S3_ENDPOINT: s3.endpoint,
      OCOP_TEST_S3_ACCESS_KEY_ID: s3.accessKeyId,
      OCOP_TEST_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      OCOP_TEST_S3_REGION: s3.region,
    });
  }

  if (tiers.includes('workflow')) {
    const { ensureTestServer } = require(path.join(ROOT, 'infra', 'toolchain', 'test-server'));
    process.env.OCOP_TEST_SERVER = await ensureTestServer();
  }

  if (tiers.includes('e2e')) {
    // The browser tests (test/e2e/web) drive Debian's Chromium.
    process.env.OCOP_CHROMIUM = await require(path.join(ROOT, 'infra', 'toolchain', 'chromium')).ensureChromium();
    const e2eUrl = await ensureDatabase(serverUrl, databases.e2e);
    stack.stops.unshift(() => dropDatabase(serverUrl, databases.e2e).catch(() => undefined));
    await require('./e2e-stack').startE2eStack({ databaseUrl: e2eUrl, stack, log });
  }
};

async function loadPersistence() {
  // The built persistence library (infra/test.js builds before jest runs): same code the apps run.
  return require(path.join(ROOT, 'dist', 'libs', 'persistence', 'src', 'data-source.js'));
}

module.exports.STATE = STATE;
