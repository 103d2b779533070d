'use strict';
// Starting and stopping our own Node processes (worker, API) for `npm run dev` and the end-to-end tests.
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** Spawns a built app (`dist/apps/<name>/src/main.js`) with `env`, prefixing its output lines with its name. */
/**
 * The worker's V8 heap ceiling: with the default (a quarter of the machine's memory) V8 lets garbage pile up to
 * gigabytes before collecting it; 384 MB holds a full workflow cache (WORKER_MAX_CACHED_WORKFLOWS=1000) with room
 * to spare and cut the worker's peak RSS by 50–90 MB in `npm run bench -- --quick`. Run it the same way in production.
 */
const WORKER_NODE_ARGS = ['--max-old-space-size=384'];
/**
 * Two malloc arenas instead of up to 8 per core: the Temporal core's threads otherwise each grow their own, which
 * showed as 60–100 MB more worker RSS in the full benchmark (P5). Run it the same way in production.
 */
const WORKER_ENV = { MALLOC_ARENA_MAX: '2' };

function startApp(name, env, { log = (line) => console.log(line), prefix = name, nodeArgs = [] } = {}) {
  const child = spawn(process.execPath, ['--enable-source-maps', ...(name === 'worker' ? WORKER_NODE_ARGS : []), ...nodeArgs, path.join(ROOT, 'dist', 'apps', name, 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...(name === 'worker' ? WORKER_ENV : {}), ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk) => String(chunk).split('\n').filter(Boolean).forEach((line) => log(`[${prefix}] ${line}`));
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  return {
    name,
    process: child,
    isAlive: () => !exited,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** Polls `url` until it answers 200 (or `accept` says the response will do). */
async function waitForHttp(url, { timeoutMs = 60_000, isAlive = () => true, accept = (r) => r.ok } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (!isAlive()) throw new Error(`the process behind ${url} exited (last: ${last})`);
    try {
      const response = await fetch(url);
      if (accept(response)) return response;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become ready in ${timeoutMs} ms (last: ${last})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Runs a built CLI command to completion. */
function runCli(args, env) {
  const { run } = require('./lib/run');
  return run(process.execPath, [path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, quiet: true });
}

module.exports = { startApp, waitForHttp, runCli };
