'use strict';
// Starting and stopping our own Node processes (worker, API) for `npm run dev` and the end-to-end tests.
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/**
 * The worker's V8 heap ceiling: with the default (a quarter of the machine's memory) V8 lets garbage pile up to
 * gigabytes before collecting it; 384 MB holds a full workflow cache (WORKER_MAX_CACHED_WORKFLOWS=1000) with room
 * to spare and cut the worker's peak RSS by 50–90 MB in `npm run bench -- --quick`. Run it the same way in production.
 */
const WORKER_NODE_ARGS = [
  '--max-old-space-size=384',
  // The workflow thread runs without the SDK's per-promise stack capture (why: the file's own comment).
  '--require',
  path.join(ROOT, 'dist', 'apps', 'worker', 'src', 'without-promise-stacks.js'),
];
/**
 * Two malloc arenas instead of up to 8 per core: the Temporal core's threads otherwise each grow their own, which
 * showed as 60–100 MB more worker RSS in the full benchmark (P5). Run it the same way in production.
 */
const WORKER_ENV = { MALLOC_ARENA_MAX: '2' };

/**
 * Spawns a built app (`dist/apps/<name>/src/main.js`) with `env`, prefixing its output lines with `prefix`. It gets
 * a process group of its own: a Ctrl-C in the terminal reaches only `npm run dev`, which stops everything in order.
 */
function startApp(name, env, { log = (line) => console.log(line), prefix = name, nodeArgs = [] } = {}) {
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      ...(name === 'worker' ? WORKER_NODE_ARGS : []),
      ...nodeArgs,
      path.join(ROOT, 'dist', 'apps', name, 'src', 'main.js'),
    ],
    {
      cwd: ROOT,
      env: { ...(name === 'worker' ? WORKER_ENV : {}), ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const forward = (chunk) =>
    String(chunk)
      .split('\n')
      .filter(Boolean)
      .forEach((line) => log(`[${prefix}] ${line}`));
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  // 'close' comes after 'exit', once its output is read to the end: the last lines of a stopping process (the
  // worker's "drained in … ms") are logged before stop() resolves and `npm run dev` exits.
  const closed = new Promise((resolve) => child.once('close', () => resolve()));
  return {
    name,
    process: child,
    isAlive: () => !exited,
    stop: () =>
      new Promise((resolve) => {
        closed.then(resolve);
        if (exited) return;
        child.kill('SIGTERM');
        // The worker drains its tasks first (shutdownGraceTime); a process that hangs is killed after 30 s.
        setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
      }),
  };
}

/** Back-off between restarts of a process that keeps dying: 1 s doubling to 30 s; a minute up resets it. */
const RESTART_BACKOFF = { firstMs: 1_000, maxMs: 30_000, healthyAfterMs: 60_000 };

/**
 * Runs an app under supervision: when it dies without being asked to stop, it is started again after a back-off
 * (with a log line saying why and when), instead of the stack going down with it. `stop()` ends supervision first.
 */
function superviseApp(
  name,
  env,
  { log = (line) => console.log(line), prefix = name, nodeArgs = [], backoff = RESTART_BACKOFF, onStart = () => {} } = {},
) {
  let current;
  let stopping = false;
  let restarts = 0;
  let delayMs = backoff.firstMs;
  let timer;
  const launch = () => {
    const startedAt = Date.now();
    current = startApp(name, env, { log, prefix, nodeArgs });
    onStart(current);
    current.process.on('exit', (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt > backoff.healthyAfterMs) delayMs = backoff.firstMs;
      restarts += 1;
      log(
        `[supervisor] ${prefix} (pid ${current.process.pid}) exited with ${signal ?? `code ${code}`}; restart #${restarts} in ${(delayMs / 1000).toFixed(0)} s`,
      );
      timer = setTimeout(() => {
        timer = undefined;
        if (!stopping) launch();
      }, delayMs);
      delayMs = Math.min(delayMs * 2, backoff.maxMs);
    });
  };
  launch();
  return {
    name,
    prefix,
    get process() {
      return current.process;
    },
    get restarts() {
      return restarts;
    },
    isAlive: () => current.isAlive(),
    stop: () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      return current.stop();
    },
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
  return run(process.execPath, [path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    quiet: true,
  });
}

module.exports = { startApp, superviseApp, waitForHttp, runCli, RESTART_BACKOFF };
