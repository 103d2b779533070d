'use strict';
// The real Temporal dev server (`temporal server start-dev`) for `npm run dev` and the end-to-end tests.
const { spawn, execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { waitForPort, isPortFree } = require('./lib/net');

// One declaration for the workflows' keys and the server's registration.
const SEARCH_ATTRIBUTES = Object.entries(require('../libs/contracts/src/search-attributes.json'))
  .filter(([name]) => !name.startsWith('_'))
  .map(([name, type]) => `${name}=${type}`);

/**
 * Starts the dev server on 127.0.0.1:`port` (Web UI on `uiPort` unless headless), with our search attributes,
 * persisting to `dbFile` when given. Resolves once the frontend answers a health check.
 */
async function startTemporalDevServer({ cli, port, uiPort, dbFile, headless = false, extraArgs = [], log = () => {} }) {
  for (const p of [port, ...(headless ? [] : [uiPort])]) {
    if (!(await isPortFree(p)))
      throw new Error(`port ${p} is taken: is another Temporal server (or an earlier \`npm run dev\`) still running?`);
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    'default',
    '--log-level',
    'warn',
    ...(dbFile ? ['--db-filename', dbFile] : []),
    ...(headless ? ['--headless'] : ['--ui-port', String(uiPort)]),
    ...SEARCH_ATTRIBUTES.flatMap((sa) => ['--search-attribute', sa]),
    ...extraArgs,
  ];
  // Its own process group: a Ctrl-C in the terminal reaches only `npm run dev`, which stops it after the apps.
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const forward = (chunk) =>
    String(chunk)
      .split('\n')
      .filter(Boolean)
      .forEach((line) => log(line));
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);

  await waitForPort(port, { timeoutMs: 60_000, isAlive: () => !exited });
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await promisify(execFile)(cli, ['operator', 'cluster', 'health', '--address', address], { timeout: 10_000 });
      break;
    } catch (error) {
      if (exited || Date.now() > deadline) throw new Error(`Temporal dev server did not become healthy: ${error.message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    address,
    uiUrl: headless ? undefined : `http://localhost:${uiPort}`,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

module.exports = { startTemporalDevServer, SEARCH_ATTRIBUTES };
