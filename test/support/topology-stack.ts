import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhookBody } from '@ocop/notifications';

// The production topology, for the topology tier: embedded PostgreSQL of its own (the test crashes it), a Temporal
// cluster of four service processes on it, two supervised workers and two APIs, a real SMTP server and a real
// webhook receiver. Plain infra/ modules (CommonJS) start the processes exactly as `npm run dev -- --cluster` does.

const ROOT = path.resolve(__dirname, '..', '..');
const infra = (name: string) => require(path.join(ROOT, 'infra', name));
const { startPostgres } = infra('postgres');
const { startTemporalCluster, freeServicePorts } = infra('temporal-cluster');
const { superviseApp, waitForHttp, runCli } = infra('processes');
const { freePort } = infra(path.join('lib', 'net'));
const { ensureTemporalServer } = infra(path.join('toolchain', 'temporal-server'));
const { ensureTemporalCli } = infra(path.join('toolchain', 'temporal-cli'));

export const WEBHOOK_SECRET = 'topology-webhook-secret-0123456789';

export interface Received {
  readonly deliveryId: string;
  readonly to: string;
}

export interface SupervisedApp {
  readonly prefix: string;
  readonly process: { pid: number; once: (event: 'exit', listener: (code: number | null, signal: string | null) => void) => void };
  readonly restarts: number;
  isAlive(): boolean;
  stop(): Promise<void>;
}

export interface TopologyStack {
  readonly apiUrls: readonly string[];
  readonly workerMetricsUrls: readonly string[];
  readonly databaseUrl: string;
  readonly temporalAddress: string;
  readonly cli: string;
  readonly workers: readonly SupervisedApp[];
  readonly apis: readonly SupervisedApp[];
  readonly emails: Received[];
  readonly webhooks: Received[];
  /** Webhook bodies whose signature did not verify. */
  readonly badSignatures: string[];
  readonly logs: string[];
  readonly pg: { crash(): Promise<void>; restart(): Promise<void> };
  readonly cluster: { restart(service: string, signal?: string): Promise<void> };
  stop(): Promise<void>;
}

export async function startTopology({ verbose = Boolean(process.env.OCOP_VERBOSE) } = {}): Promise<TopologyStack> {
  const stops: (() => Promise<void>)[] = [];
  const logs: string[] = [];
  const log = (line: string) => {
    logs.push(line);
    if (verbose) console.log(line);
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'ocop-topology-'));
  chmodSync(dir, 0o755);
  stops.push(async () => rmSync(dir, { recursive: true, force: true }));
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch((error: Error) => console.warn(`topology teardown: ${error.message}`));
  };
  try {
    // fsync off (the OS survives a server crash); every commit still reaches the OS before it is acknowledged.
    const pg = await startPostgres({
      dataDir: path.join(dir, 'pg'),
      port: await freePort(),
      database: 'ocop_topology',
      persistent: false,
      extraFlags: ['-c', 'fsync=off', '-c', 'full_page_writes=off'],
      log: (l: string) => log(`[postgres] ${l}`),
    });
    stops.push(pg.stop);
    const cli = await ensureTemporalCli();
    const cluster = await startTemporalCluster({
      binaries: await ensureTemporalServer(),
      cli,
      pg,
      configDir: path.join(dir, 'temporal'),
      ports: await freeServicePorts(),
      shards: 4,
      log,
    });
    stops.push(cluster.stop);

    const emails: Received[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          const header = new RegExp(`^${DELIVERY_HEADER}:\\s*(.+)$`, 'im').exec(raw.split(/\r?\n\r?\n/)[0] ?? '');
          emails.push({ deliveryId: header?.[1]?.trim() ?? '(none)', to: session.envelope.rcptTo.map((r) => r.address).join(',') });
          callback();
        });
      },
    });
    const smtpPort = await freePort();
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
    stops.push(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

    const webhooks: Received[] = [];
    const badSignatures: string[] = [];
    const receiver: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        if (request.headers[SIGNATURE_HEADER.toLowerCase()] !== signWebhookBody(WEBHOOK_SECRET, body)) badSignatures.push(body);
        webhooks.push({ deliveryId: String(request.headers[DELIVERY_HEADER.toLowerCase()] ?? '(none)'), to: request.url ?? '' });
        response.writeHead(204).end();
      });
    });
    const webhookPort = await freePort();
    await new Promise<void>((resolve) => receiver.listen(webhookPort, '127.0.0.1', resolve));
    stops.push(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    const env = {
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: cluster.address,
      NODE_ENV: 'test',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      WEBHOOK_SECRET,
      LAB_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/lab`,
      INSPECTOR_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/inspector`,
      // A worker killed mid-delivery leaves its claimed rows to the other worker after this, not after 15 min.
      NOTIFICATION_CLAIM_LEASE_SECONDS: '20',
    };
    await runCli(['migrate'], env);
    await runCli(['seed-demo'], env);
    const backoff = { firstMs: 500, maxMs: 5_000, healthyAfterMs: 30_000 };
    const workerPorts = [await freePort(), await freePort()];
    const workers: SupervisedApp[] = workerPorts.map((port, i) =>
      superviseApp('worker', { ...env, METRICS_PORT: String(port) }, { prefix: `worker-${i + 1}`, log, backoff }),
    );
    const apiPorts = [await freePort(), await freePort()];
    const apis: SupervisedApp[] = apiPorts.map((port, i) =>
      superviseApp('api', { ...env, PORT: String(port) }, { prefix: `api-${i + 1}`, log, backoff }),
    );
    stops.push(async () => {
      for (const app of [...apis, ...workers]) await app.stop();
    });
    const apiUrls = apiPorts.map((port) => `http://127.0.0.1:${port}`);
    for (const url of apiUrls) await waitForHttp(`${url}/health`, { timeoutMs: 180_000 });
    return {
      apiUrls,
      workerMetricsUrls: workerPorts.map((port) => `http://127.0.0.1:${port}/metrics`),
      databaseUrl: pg.url,
      temporalAddress: cluster.address,
      cli,
      workers,
      apis,
      emails,
      webhooks,
      badSignatures,
      logs,
      pg,
      cluster,
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${logs.slice(-80).join('\n')}`);
  }
}
