import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { startOwnStack, type OwnStack } from '../support/own-api';
import { acceptIdea, ok, submitIdea, until } from './flows';
import { requestAs } from './http';

// Optional tracing across real process boundaries: an API and a worker of their own, started with
// OTEL_EXPORTER_OTLP_ENDPOINT pointing at a real OTLP/HTTP receiver run by this test; one trace must hold the API's
// HTTP span, the Temporal client's span, the workflow's spans and an activity's span.

interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly attributes: Record<string, unknown>;
}

/** OTLP/JSON ids are hex (the spec's JSON mapping); a base64 one (protobuf-style JSON) is turned into hex too. */
const hexId = (id: unknown): string =>
  typeof id !== 'string' || id === '' ? '' : /^[0-9a-f]+$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex');

const valueOf = (value: Record<string, unknown> | undefined): unknown =>
  value ? (value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue) : undefined;

/** A minimal OTLP/HTTP collector: takes `POST /v1/traces` in JSON and keeps every span with its service's name. */
async function startOtlpReceiver(): Promise<{ endpoint: string; spans: ReceivedSpan[]; requests: string[]; stop: () => Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
      let body = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      if (request.url !== '/v1/traces' || !String(request.headers['content-type']).includes('json')) {
        response.writeHead(415).end();
        return;
      }
      const exported = JSON.parse(body.toString('utf8')) as { resourceSpans?: any[] };
      for (const resourceSpans of exported.resourceSpans ?? []) {
        const service = String(
          valueOf(resourceSpans.resource?.attributes?.find((a: { key: string }) => a.key === 'service.name')?.value) ?? '',
        );
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          for (const span of scopeSpans.spans ?? []) {
            spans.push({
              service,
              traceId: hexId(span.traceId),
              spanId: hexId(span.spanId),
              parentSpanId: hexId(span.parentSpanId),
              name: String(span.name),
              kind: Number(span.kind),
              attributes: Object.fromEntries(
                (span.attributes ?? []).map((a: { key: string; value: Record<string, unknown> }) => [a.key, valueOf(a.value)]),
              ),
            });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = 2; // OTLP SpanKind: SPAN_KIND_SERVER

describe('tracing (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  jest.setTimeout(240_000);
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let stack: OwnStack;
  const sharedApi = process.env.OCOP_E2E_API_URL;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // A batch every 200 ms instead of 5 s, so the spans arrive while the test waits.
    // A Temporal of its own: the test cycle's workflow id is the shared stack's too, and a start of it there would
    // be taken by the shared worker and recorded in the shared database, not in this stack's.
    stack = await startOwnStack({
      ownTemporal: true,
      worker: true,
      // Debug lines too: the worker's line of each activity is one.
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200', LOG_LEVEL: 'debug' },
    });
    // The flows' helpers call the API named here: ours, for this file only.
    process.env.OCOP_E2E_API_URL = (await stack.startApi()).url;
  });

  afterAll(async () => {
    process.env.OCOP_E2E_API_URL = sharedApi;
    await stack?.stop();
    await receiver?.stop();
  });

  /** Every span of the trace the API's span for this request (by its request id) belongs to, once all have arrived. */
  const traceOf = (requestId: string, complete: (spans: ReceivedSpan[]) => boolean) =>
    until(
      async () => {
        const http = receiver.spans.find((s) => s.attributes['ocop.request_id'] === requestId);
        return http ? receiver.spans.filter((s) => s.traceId === http.traceId) : [];
      },
      (spans) => spans.length > 0 && complete(spans),
      `the spans of request ${requestId}`,
      30_000,
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}\nreceived: ${receiver.spans.map((s) => `${s.service} ${s.name} ${s.traceId} ${s.spanId} ← ${s.parentSpanId}`).join('\n')}`,
      );
    });

  /** The JSON log lines a process of the stack wrote (`own-api`, `own-worker`). */
  const logLinesOf = (process: string): Record<string, any>[] =>
    stack
      .logs()
      .filter((line) => line.startsWith(`[${process}`))
      .map((line) => line.slice(line.indexOf('] ') + 2))
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, any>];
        } catch {
          return []; // a line split across two reads of the pipe
        }
      });

  /** The names from a span up to the trace's root, following parent ids among the received spans. */
  const ancestry = (spans: ReceivedSpan[], from: ReceivedSpan): string[] => {
    const chain = [from];
    for (let at = from; at.parentSpanId;) {
      const parent = spans.find((s) => s.spanId === at.parentSpanId);
      if (!parent) break;
      chain.push((at = parent));
    }
    return chain.map((s) => `${s.service} ${s.name}`);
  };

  it('follows a new product from the HTTP request through the Temporal client into the workflow and its activities', async () => {
    const { id } = await submitIdea({ name: 'Trà hoa vàng truy vết' });
    const http = await until(
      async () => receiver.spans.find((s) => s.service === 'ocop-api' && s.kind === SERVER && s.name === 'POST /products'),
      Boolean,
      'the API span of POST /products',
      30_000,
    );
    // The workflow's RunWorkflow span ends with the journey: the producer withdraws it, so it ends now.
    ok(await requestAs('htx.bacha', 'POST', `/products/${id}/withdraw`, { body: { reason: 'Thử truy vết / tracing test' } }));
    const spans = await traceOf(String(http!.attributes['ocop.request_id']), (all) =>
      ['RunWorkflow:', 'HandleUpdate:', 'RunActivity:'].every((name) => all.some((s) => s.name.startsWith(name))),
    );
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([http!.traceId]));
    expect(http!.attributes).toMatchObject({ 'http.route': '/products', 'http.response.status_code': 201 });
    // The API's log line of the request carries the request's trace and span: an operator goes from one to the other.
    const requestId = String(http!.attributes['ocop.request_id']);
    const line = await until(
      async () => logLinesOf('own-api').find((l) => l.req?.id === requestId && l.msg === 'request completed'),
      Boolean,
      `the log line of request ${requestId}`,
      10_000,
    );
    expect(line).toMatchObject({ traceId: http!.traceId, spanId: http!.spanId, res: { statusCode: 201 } });
    // Lines logged outside any span (booting) carry none.
    expect(logLinesOf('own-api').find((l) => String(l.msg).startsWith('OCOP Flow API on'))).not.toHaveProperty('traceId');
    // The worker's line of each activity run carries the trace too, and the activity's span (this stack logs debug lines).
    const activityLines = await until(
      async () => logLinesOf('own-worker').filter((l) => l.context === 'Activity' && l.traceId === http!.traceId),
      (lines) => lines.length > 0,
      'a worker log line in the trace',
      10_000,
    );
    expect(activityLines[0]!.msg).toMatch(/^\w+ of \S+ \(attempt \d+\) completed in \d+ ms$/);
    expect(spans.find((s) => s.spanId === activityLines[0]!.spanId)?.name).toMatch(/^RunActivity:/);
    // The Temporal client's span (the journey starts with its first update) is the HTTP span's child…
    const client = spans.find((s) => s.name === 'UpdateWithStartWorkflow:ideaSubmission')!;
    expect(client).toMatchObject({ service: 'ocop-api', parentSpanId: http!.spanId });
    expect(String(client.attributes.temporalWorkflowId)).toMatch(/^product:/);
    // …the workflow's spans, in the worker, are the client span's children: the run and the update's handler…
    const run = spans.find((s) => s.service === 'ocop-worker' && s.name === 'RunWorkflow:productJourney')!;
    const update = spans.find((s) => s.service === 'ocop-worker' && s.name === 'HandleUpdate:ideaSubmission')!;
    expect(run).toMatchObject({ parentSpanId: client.spanId, attributes: { temporalWorkflowId: client.attributes.temporalWorkflowId } });
    expect(update).toMatchObject({ parentSpanId: client.spanId, attributes: { temporalWorkflowId: client.attributes.temporalWorkflowId } });
    // …and every activity's span hangs from one of them: one chain from each activity up to the request.
    const activities = spans.filter((s) => s.service === 'ocop-worker' && s.name.startsWith('RunActivity:'));
    expect(activities.length).toBeGreaterThanOrEqual(1);
    for (const activity of activities) {
      expect(ancestry(spans, activity).slice(0, 2)).toEqual([
        `ocop-worker ${activity.name}`,
        `ocop-worker ${activity.name.replace('RunActivity:', 'StartActivity:')}`,
      ]);
      expect(ancestry(spans, activity).slice(-2)).toEqual(['ocop-api UpdateWithStartWorkflow:ideaSubmission', 'ocop-api POST /products']);
    }
    for (const activity of activities)
      expect(['ocop-worker RunWorkflow:productJourney', 'ocop-worker HandleUpdate:ideaSubmission']).toContain(ancestry(spans, activity)[2]);
  });

  it('follows an update of a running journey (the idea review) into the workflow and its activities', async () => {
    const { id } = await submitIdea({ name: 'Mật ong truy vết' });
    const before = receiver.spans.length;
    await acceptIdea(id);
    const http = await until(
      async () => receiver.spans.slice(before).find((s) => s.service === 'ocop-api' && s.name === 'POST /products/:id/review'),
      Boolean,
      'the API span of the review',
      30_000,
    );
    const spans = await traceOf(
      String(http!.attributes['ocop.request_id']),
      (all) => all.some((s) => s.name.startsWith('HandleUpdate:')) && all.some((s) => s.name.startsWith('RunActivity:')),
    );
    const client = spans.find((s) => s.name.startsWith('StartWorkflowUpdate:'))!;
    expect(client).toMatchObject({ service: 'ocop-api', parentSpanId: http!.spanId });
    const update = spans.find((s) => s.service === 'ocop-worker' && s.name.startsWith('HandleUpdate:'))!;
    expect(update.parentSpanId).toBe(client.spanId);
    const activity = spans.find((s) => s.service === 'ocop-worker' && s.name.startsWith('RunActivity:'))!;
    expect(ancestry(spans, activity).slice(-3)).toEqual([update, client, http!].map((s) => `${s.service} ${s.name}`));

    // The traced worker issued the same commands an untraced one would: its history replays on the plain bundle.
    const connection = await Connection.connect({ address: stack.temporalAddress });
    try {
      const history = await new Client({ connection }).workflow.getHandle(String(update.attributes.temporalWorkflowId)).fetchHistory();
      expect(history.events?.length).toBeGreaterThan(10);
      await expect(
        Worker.runReplayHistory({ workflowBundle: { codePath: path.join(ROOT, 'dist', 'workflow-bundle.js') } }, history),
      ).resolves.toBeUndefined();
    } finally {
      await connection.close();
    }
  });

  it('loads no OpenTelemetry module in the API or the worker when the variable is unset', async () => {
    const root = ROOT;
    const script = `
      const path = require('node:path');
      const dist = (p) => path.join(${JSON.stringify(root)}, 'dist', p);
      require('reflect-metadata');
      require(dist('apps/api/src/app.module.js'));
      require(dist('apps/worker/src/worker.module.js'));
      const o = require(dist('libs/observability/src/index.js'));
      const started = o.startTracing('probe');
      // prom-client loads the @opentelemetry/api facade itself (for exemplars); nothing of the SDK may follow it.
      const loaded = Object.keys(require.cache).filter((f) => /@opentelemetry[/](?!api[/])|interceptors-opentelemetry/.test(f));
      console.log(JSON.stringify({ started: started !== undefined, loaded }));
    `;
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_'))),
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', // modules are loaded, nothing connects
    };
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env, cwd: root });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ started: false, loaded: [] });
  });
});
