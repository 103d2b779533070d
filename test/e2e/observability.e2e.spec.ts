import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { acceptIdea, ensureTestCycle, ok, submitIdea, until } from './flows';
import { request, requestAs } from './http';

/** What an operator watches: JSON logs with request ids that reach Temporal, /metrics, and no secret in any log. */
const run = promisify(execFile);
const appsLog = () => readFileSync(process.env.OCOP_E2E_APPS_LOG!, 'utf8');
const jsonLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.replace(/^\[(api|worker)\] /, ''))
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, any>];
      } catch {
        return []; // a line cut in two where the process's output arrived in two chunks
      }
    });

describe('observability', () => {
  it('logs JSON lines, and a request id names the request in the log and the workflow update in Temporal', async () => {
    await ensureTestCycle();
    const { id } = await submitIdea();
    const requestId = `rid-${randomUUID()}`;
    // No Idempotency-Key: the update id is the request's own id.
    const reviewed = await requestAs('tinh.laocai', 'POST', `/products/${id}/review`, {
      body: { decision: 'accept' },
      headers: { 'X-Request-Id': requestId },
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.headers.get('x-request-id')).toBe(requestId);

    const lines = await until(
      async () => jsonLines(appsLog()),
      (all) => all.some((l) => l.req?.id === requestId),
      'the request in the API log',
      10_000,
    );
    const completed = lines.find((l) => l.req?.id === requestId && l.res)!;
    expect(completed).toMatchObject({
      app: 'api',
      level: 30,
      req: { method: 'POST', url: `/products/${id}/review` },
      res: { statusCode: 200 },
    });
    expect(typeof completed.responseTime).toBe('number');

    const { stdout } = await run(
      process.env.OCOP_TEMPORAL_CLI!,
      [
        'workflow',
        'show',
        '--address',
        process.env.OCOP_E2E_TEMPORAL_ADDRESS!,
        '--workflow-id',
        `product:${id}:${new Date().getUTCFullYear()}`,
        '--output',
        'json',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout).toContain(`"updateId": "req:${requestId}"`);
  });

  it('never logs a password hash or a password when a user INSERT fails', async () => {
    const password = `Mật-khẩu-${randomUUID()}`;
    const username = `trung.${randomUUID().slice(0, 8)}`;
    const body = { username, displayName: 'Người dùng trùng', password, role: 'admin' };
    expect((await requestAs('admin', 'POST', '/users', { body })).status).toBe(201);
    const before = appsLog().length;
    // The same username again: the INSERT fails on the unique constraint (and the API answers 409).
    const again = await requestAs('admin', 'POST', '/users', { body: { ...body, password: `${password}-2` } });
    expect(again.status).toBe(409);
    const logged = await until(
      async () => appsLog().slice(before),
      (text) => text.includes('uq_users_username'),
      'the failed INSERT in the log',
      10_000,
    );
    expect(logged).toContain('parameters not logged');
    expect(logged).not.toMatch(/\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}/); // a bcrypt hash
    expect(logged).not.toContain(password);
    expect(appsLog()).not.toMatch(/\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}/);
    expect(appsLog()).not.toContain(password);
  });

  it('serves Prometheus metrics on the API and the worker, moving with the traffic', async () => {
    const count = (text: string, pattern: RegExp) =>
      text
        .split('\n')
        .filter((l) => pattern.test(l))
        .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    const apiBefore = ok(await request('GET', '/metrics')) as string;
    const scrapeWorker = () => fetch(process.env.OCOP_E2E_WORKER_METRICS_URL!).then((r) => r.text());
    const workflowTasks = (text: string) => count(text, /^temporal_workflow_task_execution_latency_(seconds_)?count/);
    const activities = (text: string) => count(text, /^temporal_(local_)?activity_execution_latency_(seconds_)?count/);
    const workerBefore = await scrapeWorker();
    await ensureTestCycle();
    const { id } = await submitIdea();
    await acceptIdea(id);
    const apiAfter = ok(await request('GET', '/metrics')) as string;
    const products = /^ocop_http_request_duration_seconds_count\{method="POST",route="\/products",status="201"\}/;
    expect(count(apiAfter, products)).toBeGreaterThan(count(apiBefore, products));
    expect(apiAfter).toMatch(
      /^ocop_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/products\/:id\/review",status="200"\} \d+/m,
    );
    expect(apiAfter).toMatch(/^ocop_projection_lag_events \d+/m);
    expect(count(apiAfter, /^ocop_events_newest_position /)).toBeGreaterThan(count(apiBefore, /^ocop_events_newest_position /));
    // The Temporal SDK's own latencies move with the journey's workflow tasks and its activities (recording the steps).
    const worker = await until(
      scrapeWorker,
      (text) => workflowTasks(text) > workflowTasks(workerBefore) && activities(text) > activities(workerBefore),
      'the SDK metrics moving on the worker',
      20_000,
    );
    expect(worker).toMatch(/^ocop_outbox_depth\{channel="[a-z]+",status="[a-z]+"\} \d+/m);
    expect(worker).toMatch(/^temporal_workflow_task_execution_latency_(seconds_)?bucket\{.*le="0\.1".*\} \d+/m);
    expect(worker).toMatch(/^temporal_workflow_task_schedule_to_start_latency_(seconds_)?count/m);
  });
});
