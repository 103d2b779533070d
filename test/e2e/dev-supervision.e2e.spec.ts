import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createOwnDatabase } from '../support/own-database';
import { until } from './flows';

// `npm run dev` as an operator runs it, in the background: a worker that dies is restarted by its supervisor (with
// its log line) instead of the stack going down, and SIGTERM to the `npm run dev` process itself stops everything
// it started. On a database of its own and the e2e Temporal server (TEMPORAL_ADDRESS set: no server of its own),
// with a task queue and ports of its own.

const ROOT = path.resolve(__dirname, '..', '..');
const { freePort } = require(path.join(ROOT, 'infra', 'lib', 'net')) as { freePort: () => Promise<number> };

/** The pids whose parent is `pid`, with their command lines. */
function childrenOf(pid: number): { pid: number; args: string }[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        const [, id, args] = /^\s*(\d+)\s+(.*)$/.exec(line)!;
        return { pid: Number(id), args: args! };
      });
  } catch {
    return []; // ps exits 1 when there is none
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm run dev: supervision and stopping', () => {
  jest.setTimeout(300_000);
  let database: { url: string; drop: () => Promise<void> };
  let dev: ChildProcess | undefined;
  const output: string[] = [];
  const text = () => output.join('');

  beforeAll(async () => {
    database = await createOwnDatabase();
  });

  afterAll(async () => {
    if (dev?.pid && alive(dev.pid)) process.kill(-dev.pid, 'SIGKILL');
    await database?.drop().catch(() => undefined);
  });

  it('restarts a worker killed with SIGKILL, and SIGTERM to `npm run dev` stops every process it started', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: process.env.OCOP_E2E_TEMPORAL_ADDRESS!,
      TEMPORAL_TASK_QUEUE: `ocop-dev-${process.pid}`,
      PORT: String(port),
      METRICS_PORT: String(await freePort()),
      OCOP_VERBOSE: '',
      // The test run built dist/ already, and the other suites' processes run from it: no rebuild under their feet.
      OCOP_SKIP_BUILD: '1',
    };
    // In the background, in a process group of its own, as `npm run dev &` in a shell script would be.
    dev = spawn('npm', ['run', 'dev'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    dev.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    dev.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => dev!.once('exit', (code) => resolve(code)));

    await until(
      async () => text(),
      (t) => t.includes('OCOP Flow is running'),
      'npm run dev to be ready',
      240_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${text().slice(-3000)}`);
    });
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect(text()).toContain('Build skipped (OCOP_SKIP_BUILD=1)');

    // npm → node infra/dev.js → the worker and the API.
    const devScript = childrenOf(dev.pid!).find((c) => c.args.includes('infra/dev.js'))!;
    expect(devScript).toBeDefined();
    const apps = () => childrenOf(devScript.pid);
    const workerPid = () => apps().find((c) => c.args.includes(path.join('dist', 'apps', 'worker')))?.pid;
    const apiPid = apps().find((c) => c.args.includes(path.join('dist', 'apps', 'api')))!.pid;
    const firstWorker = workerPid()!;
    expect(firstWorker).toBeGreaterThan(0);

    process.kill(firstWorker, 'SIGKILL');
    await until(
      async () => text(),
      (t) => t.includes(`[supervisor] worker (pid ${firstWorker}) exited with SIGKILL; restart #1 in 1 s`),
      'the supervisor to report the kill',
      20_000,
    );
    const secondWorker = await until(
      async () => workerPid(),
      (pid) => pid !== undefined && pid !== firstWorker,
      'the worker to be started again',
      20_000,
    );
    await until(
      async () =>
        text()
          .split('\n')
          .some((line) => line.includes(`"pid":${secondWorker},`) && line.includes('polling task queue')),
      Boolean,
      'the new worker to poll its task queue',
      90_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${text().slice(-3000)}`);
    });
    // The API stayed up meanwhile: the stack did not go down with the worker.
    expect(alive(apiPid)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    // SIGTERM to the `npm run dev` process itself: everything stops, in order, and it exits.
    process.kill(dev.pid!, 'SIGTERM');
    const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 60_000))]);
    expect(code).not.toBe('still running');
    await until(
      async () => [devScript.pid, apiPid, secondWorker!].filter(alive),
      (left) => left.length === 0,
      'every process to be gone',
      30_000,
    );
    expect(text()).toContain('Stopping…');
    expect(text()).toMatch(/api stopped[\s\S]*worker stopped/);
    expect(text()).toContain('worker drained in');
  });
});
