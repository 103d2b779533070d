import net from 'node:net';
import path from 'node:path';
import { createOwnDatabase } from './own-database';

// Infra scripts are plain CommonJS shared with `npm run dev`.
type StartApp = (
  name: string,
  env: Record<string, string>,
  options?: { log?: (line: string) => void; prefix?: string },
) => { stop: () => Promise<void>; isAlive: () => boolean };
type StartTemporal = (options: {
  cli: string;
  port: number;
  headless: boolean;
  log?: (line: string) => void;
}) => Promise<{ address: string; stop: () => Promise<void> }>;
const ROOT = path.resolve(__dirname, '..', '..');
const { startApp, waitForHttp, runCli } = require(path.join(ROOT, 'infra', 'processes')) as {
  startApp: StartApp;
  waitForHttp: (url: string, options?: { timeoutMs?: number; isAlive?: () => boolean }) => Promise<Response>;
  runCli: (args: string[], env: Record<string, string>) => Promise<void>;
};
const { freePort } = require(path.join(ROOT, 'infra', 'lib', 'net')) as { freePort: () => Promise<number> };
const { startTemporalDevServer } = require(path.join(ROOT, 'infra', 'temporal-server')) as {
  startTemporalDevServer: StartTemporal;
};

export interface OwnStack {
  readonly databaseUrl: string;
  readonly temporalAddress: string;
  /** Starts one more built API process on a free port; resolves once its /health answers. */
  startApi(env?: Record<string, string>, databaseUrl?: string): Promise<{ url: string; stop: () => Promise<void> }>;
  /** The latest lines its processes wrote, each prefixed with the process (`[own-api-<port>] `, `[own-worker] `). */
  logs(): readonly string[];
  stop(): Promise<void>;
}

/**
 * A stack of its own for a test that changes what others share (throttles, fuzzing): a fresh migrated database with
 * the demo data; the e2e Temporal server with a task queue of its own, or (`ownTemporal`) a dev server of its own;
 * the built worker when asked; API processes on demand.
 */
export async function startOwnStack(
  options: { ownTemporal?: boolean; worker?: boolean; env?: Record<string, string> } = {},
): Promise<OwnStack> {
  const stops: (() => Promise<void>)[] = [];
  const output: string[] = [];
  const log = (line: string) => {
    output.push(line);
    if (output.length > 5000) output.shift();
    if (process.env.OCOP_VERBOSE) console.log(line);
  };
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const database = await createOwnDatabase();
    stops.push(database.drop);
    let temporalAddress = process.env.OCOP_E2E_TEMPORAL_ADDRESS!;
    if (options.ownTemporal) {
      const temporal = await startTemporalDevServer({
        cli: process.env.OCOP_TEMPORAL_CLI!,
        port: await freePort(),
        headless: true,
        log: (l) => log(`[temporal] ${l}`),
      });
      stops.push(temporal.stop);
      temporalAddress = temporal.address;
    }
    const base = {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: `ocop-own-${process.pid}-${Date.now()}`,
      NODE_ENV: 'test',
      ...options.env,
    };
    await runCli(['seed-demo'], base);
    if (options.worker) {
      const worker = startApp('worker', base, { log, prefix: 'own-worker' });
      stops.push(worker.stop);
    }
    return {
      databaseUrl: database.url,
      temporalAddress,
      async startApi(env = {}, databaseUrl = database.url) {
        const port = await freePort();
        const api = startApp('api', { ...base, DATABASE_URL: databaseUrl, PORT: String(port), ...env }, { log, prefix: `own-api-${port}` });
        stops.push(api.stop);
        const url = `http://127.0.0.1:${port}`;
        try {
          await waitForHttp(`${url}/health`, { isAlive: api.isAlive, timeoutMs: 90_000 });
        } catch (error) {
          throw new Error(`${(error as Error).message}\n${output.slice(-40).join('\n')}`);
        }
        return { url, stop: api.stop };
      },
      logs: () => [...output],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A TCP proxy in front of PostgreSQL, so a test can take the database away from a running API (`cut`: every open
 * connection dropped, new ones refused) and give it back (`restore`) — a real outage across process boundaries.
 */
export interface DatabaseProxy {
  readonly url: string;
  cut(): void;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDatabaseProxy(databaseUrl: string): Promise<DatabaseProxy> {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const port = await freePort();
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect({ host: target.hostname, port: Number(target.port) });
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen();
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const cut = () => {
    server?.close();
    server = undefined;
    for (const socket of sockets) socket.destroy();
  };
  return { url: url.toString(), cut, restore: listen, stop: async () => cut() };
}
