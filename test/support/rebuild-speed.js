'use strict';
// A hand-run measurement of `npm run rebuild` (ProjectionRebuilder.rebuild), not a test. Build first:
//
//   node infra/build.js && node test/support/rebuild-speed.js [--products 100000] [--data-dir DIR] [--runs 1]
//
// Uses DATABASE_URL when set, else starts an embedded PostgreSQL (fsync off, as the tests and the bench do) with its
// data in --data-dir (kept, so the log is loaded once and later runs only rebuild) or a temporary directory. Loads
// `products` journeys × 20 events with the bench loader (apps/cli/src/bench/dashboard-load.ts) when the log is empty,
// then times the rebuild and prints events/s and a fingerprint (md5 of every row, in order) of each read model: two
// implementations that give the same fingerprints over the same log give identical tables.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};

async function main() {
  const products = Number(option('--products', '100000'));
  const runs = Number(option('--runs', '1'));
  const dataDir = option('--data-dir', undefined);
  const { DataSource } = require('typeorm');
  const { dataSourceOptions, runMigrations, ProjectionRebuilder, EventStore, createProjections, READ_MODEL_TABLES } = require(
    path.join(DIST, 'libs', 'persistence', 'src', 'index.js'),
  );
  const { loadEvents } = require(path.join(DIST, 'apps', 'cli', 'src', 'bench', 'dashboard-load.js'));

  let url = process.env.DATABASE_URL;
  let stop = async () => undefined;
  if (!url) {
    const { startPostgres } = require(path.join(ROOT, 'infra', 'postgres'));
    const { freePort } = require(path.join(ROOT, 'infra', 'lib', 'net'));
    const dir = dataDir ? path.resolve(dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-rebuild-speed-'));
    fs.mkdirSync(dir, { recursive: true });
    fs.chmodSync(dir, 0o755);
    const pg = await startPostgres({
      dataDir: path.join(dir, 'pg'),
      port: await freePort(),
      database: 'ocop_rebuild_speed',
      persistent: Boolean(dataDir),
      fast: true,
    });
    url = pg.url;
    stop = async () => {
      await pg.stop();
      if (!dataDir) fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await runMigrations(url);
    const db = await new DataSource(dataSourceOptions(url)).initialize();
    try {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM events`);
      if (n === 0) {
        console.log(`loading ${products} products × 20 events …`);
        const loaded = await loadEvents(db, products);
        console.log(`loaded ${loaded.events} events in ${loaded.loadSeconds.toFixed(1)} s`);
        await db.query(`VACUUM ANALYZE events`);
      } else {
        console.log(`the log already holds ${n} events: not loading`);
      }
      for (let run = 1; run <= runs; run += 1) {
        let reports = 0;
        const started = process.hrtime.bigint();
        const result = await new ProjectionRebuilder(db, new EventStore(), createProjections()).rebuild({
          onProgress: () => (reports += 1),
        });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        console.log(
          `run ${run}: rebuilt from ${result.applied}/${result.total} events in ${seconds.toFixed(2)} s: ${Math.round(result.applied / seconds)} events/s (${reports} progress reports, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB)`,
        );
      }
      for (const table of READ_MODEL_TABLES) {
        const [row] = await db.query(
          `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${table} t`,
        );
        console.log(`  ${table.padEnd(15)} ${String(row.rows).padStart(8)} rows  md5 ${row.md5}`);
      }
    } finally {
      await db.destroy();
    }
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
