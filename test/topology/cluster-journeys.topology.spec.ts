import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { READ_MODEL_TABLES } from '@ocop/persistence';
import { aPdf } from '../support/sample-files';
import { startTopology, type TopologyStack } from '../support/topology-stack';

/** A form with one small PDF as `file`, for a document of `kind`. */
function pdfForm(kind: string, productId: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([aPdf(`${kind} ${productId}`)], { type: 'application/pdf' }), `${kind}.pdf`);
  return form;
}

/**
 * The production topology under faults: a Temporal cluster (four service processes) on PostgreSQL, two workers and
 * two APIs. Journeys are driven over HTTP through both APIs — every call alternates between them, as behind a load
 * balancer, and a failed call is retried with its Idempotency-Key on the other one — while the test SIGKILLs a
 * worker (its supervisor restarts it), stops the other with SIGTERM (it drains, then is restarted), crashes the
 * Temporal history service and restarts it, and crashes PostgreSQL (every backend SIGKILLed) and restarts it. Then
 * every invariant the system promises is checked against what the servers hold and what the receivers got.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);
const JOURNEYS = Number(process.env.OCOP_TOPOLOGY_JOURNEYS || 100);
const YEAR = new Date().getUTCFullYear();
const PASSWORD = 'ocop-demo-2021';
const COUNCIL = ['hoidong.1', 'hoidong.2', 'hoidong.3', 'hoidong.4', 'hoidong.5'];
const COORDINATOR_OF: Record<string, string> = { 'bac-ha': 'huyen.bacha', 'bat-xat': 'huyen.batxat' };
const LAB_KEY = 'ocop_00000000000a_demo-lab-key-lao-cai-2021-not-secret';

type Fate = 'rejected' | 'withdrawn' | 'not_qualified' | 'certified_after_lab' | 'certified';
const FATES: readonly Fate[] = ['rejected', 'withdrawn', 'not_qualified', 'certified_after_lab', 'certified'];
const EXPECTED_STAGE: Record<Fate, string> = {
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  not_qualified: 'not_qualified',
  certified_after_lab: 'certified',
  certified: 'certified',
};
const DISTRICT_MEAN: Record<Fate, number> = { rejected: 0, withdrawn: 0, not_qualified: 44, certified_after_lab: 62, certified: 66 };

interface Journey {
  readonly i: number;
  readonly fate: Fate;
  readonly producer: string;
  readonly district: string;
  id?: string;
}

const figures: Record<string, number | string> = {};

describe('the cluster topology under faults', () => {
  let stack: TopologyStack;
  let calls = 0;
  let retries = 0;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    const started = Date.now();
    stack = await startTopology();
    figures.startSeconds = Math.round((Date.now() - started) / 1000);
  }, 600_000);

  afterAll(async () => {
    // Every process's lines, for reading a failure after the run (outside the clone, like the other caches).
    if (stack) writeFileSync(path.join(tmpdir(), `ocop-topology-${process.pid}.log`), stack.logs.join('\n'));
    await stack?.stop();
    console.log(`topology figures: ${JSON.stringify(figures, null, 2)}`);
  }, 180_000);

  /** A query on a fresh connection (the test crashes the server, which ends older ones). */
  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /**
   * One HTTP call through the "load balancer": calls alternate between the two APIs; a network error, a 5xx or an
   * in-progress idempotency claim is retried on the other API with the same Idempotency-Key, for up to 4 minutes.
   */
  async function call(
    method: string,
    urlPath: string,
    options: { as?: string; apiKey?: string; body?: unknown; form?: () => FormData; expect?: number } = {},
  ): Promise<any> {
    const key = method === 'POST' ? `topology-${randomUUID()}` : undefined;
    const deadline = Date.now() + 240_000;
    let attempt = calls++;
    for (;;) {
      const base = stack.apiUrls[attempt % stack.apiUrls.length]!;
      // A multipart body (a document) sets its own content type, with its boundary.
      const headers: Record<string, string> = options.form ? {} : { 'content-type': 'application/json' };
      if (key) headers['idempotency-key'] = key;
      if (options.as) headers.authorization = `Bearer ${await tokenOf(options.as)}`;
      if (options.apiKey) headers['x-api-key'] = options.apiKey;
      let status = 0;
      let body: any;
      try {
        const response = await fetch(`${base}${urlPath}`, {
          method,
          headers,
          body: options.form ? options.form() : options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(60_000),
        });
        status = response.status;
        const text = await response.text();
        body = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
      } catch (error) {
        body = String(error);
      }
      const expected = options.expect ?? (method === 'POST' ? [200, 201] : [200]);
      if ((Array.isArray(expected) ? expected : [expected]).includes(status)) return body;
      const transient = status === 0 || status >= 500 || body?.code === 'IDEMPOTENCY_IN_PROGRESS';
      if (!transient || Date.now() > deadline) {
        await keepHistoryOf(urlPath);
        throw new Error(`${method} ${urlPath} as ${options.as ?? 'lab key'}: ${status} ${JSON.stringify(body).slice(0, 400)}`);
      }
      retries += 1;
      attempt += 1;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** A failed session or product call keeps that workflow's history beside the log, to read why afterwards. */
  async function keepHistoryOf(urlPath: string): Promise<void> {
    const [, resource, id] = /^\/(sessions|products)\/([0-9a-f-]{36})/.exec(urlPath) ?? [];
    if (!id) return;
    const workflowId = resource === 'sessions' ? `session:${id}` : `product:${id}:${YEAR}`;
    const args = ['workflow', 'show', '--address', stack.temporalAddress, '--workflow-id', workflowId, '--output', 'json'];
    await run(stack.cli, args, { maxBuffer: 64 * 1024 * 1024 })
      .then(({ stdout }) =>
        writeFileSync(path.join(tmpdir(), `ocop-topology-${process.pid}-${workflowId.replace(/:/g, '_')}.json`), stdout),
      )
      .catch((error: Error) => console.warn(`history of ${workflowId}: ${error.message}`));
  }

  async function tokenOf(username: string): Promise<string> {
    if (!tokens.has(username)) {
      const base = stack.apiUrls[0]!;
      const response = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`login of ${username}: ${response.status}`);
      tokens.set(username, ((await response.json()) as { accessToken: string }).accessToken);
    }
    return tokens.get(username)!;
  }

  async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: limit }, async () => {
        while (next < items.length) await work(items[next++]!);
      }),
    );
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 300_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read().catch(() => undefined);
      if (value !== undefined && done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  const stagesOf = async (ids: readonly string[]) =>
    new Map(
      (await query<{ product_id: string; stage: string }>(`SELECT product_id, stage FROM products WHERE product_id = ANY($1)`, [ids])).map(
        (r) => [r.product_id, r.stage],
      ),
    );
  const waitForStages = (journeys: readonly Journey[], stage: (j: Journey) => string, what: string) =>
    until(
      () => stagesOf(journeys.map((j) => j.id!)),
      (stages) => journeys.every((j) => stages.get(j.id!) === stage(j)),
      what,
    );

  /** Outbox rows due and not yet sent: crashing while none is in flight keeps at-least-once delivery from resending. */
  const quietOutbox = () =>
    until(
      () => query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_outbox WHERE status = 'pending' AND channel <> 'inbox'`),
      ([row]) => row!.n === 0,
      'a quiet outbox',
      120_000,
    );

  /** A scrape of each API's and worker's /metrics. */
  const scrape = async () =>
    Promise.all([...stack.apiUrls.map((u) => `${u}/metrics`), ...stack.workerMetricsUrls].map((u) => fetch(u).then((r) => r.text())));
  const sample = (text: string, pattern: RegExp) =>
    text
      .split('\n')
      .filter((line) => pattern.test(line) && !line.startsWith('#'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);

  async function runSession(
    level: 'district' | 'province',
    areaCode: string,
    journeys: readonly Journey[],
    meanOf: (j: Journey) => number,
  ): Promise<void> {
    const memberIds = await Promise.all(COUNCIL.map(async (u) => (await call('GET', '/auth/me', { as: u })).userId as string));
    // The coordinator of the session's own area: a district's council is its district coordinator's.
    const coordinator = level === 'district' ? COORDINATOR_OF[areaCode]! : 'tinh.laocai';
    const session = await call('POST', '/sessions', {
      as: coordinator,
      body: {
        level,
        areaCode,
        cycleYear: YEAR,
        sessionDate: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        memberIds,
        chairId: memberIds[0],
      },
    });
    await eachLimited(journeys, 6, async (j) => {
      await call('POST', `/sessions/${session.id}/products`, { as: coordinator, body: { productId: j.id } });
    });
    // Members score from the session's day on; on the cycle's compressed calendar that day comes within seconds.
    const { live } = await call('GET', `/sessions/${session.id}`, { as: coordinator });
    const opensAt = Date.parse(live?.scoringOpensAt ?? '');
    if (Number.isFinite(opensAt)) await new Promise((resolve) => setTimeout(resolve, Math.max(0, opensAt - Date.now()) + 200));
    const cards = journeys.flatMap((j) => COUNCIL.map((member, m) => ({ j, member, total: meanOf(j) + [0, 1, -1, 2, -2][m]! })));
    await eachLimited(cards, 8, async ({ j, member, total }) => {
      const A = Math.round(total * 0.35 * 100) / 100;
      const B = Math.round(total * 0.25 * 100) / 100;
      await call('POST', `/sessions/${session.id}/scorecards`, {
        as: member,
        body: { productId: j.id, parts: { A, B, C: Math.round((total - A - B) * 100) / 100 } },
      });
    });
    await call('POST', `/sessions/${session.id}/close`, { as: 'hoidong.1', body: { presentMemberIds: memberIds } });
  }

  it(`drives ${JOURNEYS} journeys to their ends through both APIs while workers, Temporal's history service and PostgreSQL fail`, async () => {
    const started = Date.now();
    const before = await scrape();
    const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    await call('POST', '/cycles', {
      as: 'admin',
      body: {
        provinceCode: 'lao-cai',
        year: YEAR,
        ruleSet: 'QD1048-2019',
        // A rule "day" of 5 s: the lab's 60 days are 5 minutes, and no reminder falls due while the test runs.
        calendar: {
          ideaWindowClosesAt: at(2),
          businessPlanDueAt: at(3),
          dossierDueAt: at(4),
          districtSessionsCloseAt: at(10),
          provincialSessionsCloseAt: at(20),
          certificationAt: at(30),
          labTurnaroundDays: 60,
          inspectionReportDays: 30,
        },
        dayLengthMs: 5000,
      },
    });
    // Two producers of our own, whose organisations registered a contact address: their inbox is e-mailed too.
    const producers: { username: string; district: string }[] = [];
    for (const [n, district] of ['bac-ha', 'bat-xat'].entries()) {
      const organisation = await call('POST', '/organisations', {
        as: 'tinh.laocai',
        body: {
          name: `HTX Cụm thử ${n + 1}`,
          producerType: 'htx',
          districtCode: district,
          contactEmail: `htx${n + 1}@topology.example.vn`,
        },
      });
      const username = `topo.producer${n + 1}`;
      await call('POST', '/users', {
        as: 'admin',
        body: { username, displayName: `Chủ thể thử ${n + 1}`, password: PASSWORD, role: 'producer', organisationId: organisation.id },
      });
      producers.push({ username, district });
      Object.assign(producers[n]!, { organisationId: organisation.id });
    }
    const journeys: Journey[] = Array.from({ length: JOURNEYS }, (_, i) => ({
      i,
      fate: FATES[i % FATES.length]!,
      producer: producers[i % 2]!.username,
      district: producers[i % 2]!.district,
    }));
    const organisationOf = new Map(producers.map((p) => [p.username, (p as unknown as { organisationId: string }).organisationId]));

    // 1. Ideas, through both APIs.
    await eachLimited(journeys, 8, async (j) => {
      const created = await call('POST', '/products', {
        as: j.producer,
        body: {
          organisationId: organisationOf.get(j.producer),
          name: `Sản phẩm cụm ${j.i + 1}`,
          productGroup: j.fate === 'certified_after_lab' || j.fate === 'not_qualified' ? 'thuc-pham' : 'vai-may-mac',
          district: j.district,
          cycleYear: YEAR,
        },
      });
      j.id = created.id;
    });

    // 2. Reviews — while worker-1 is SIGKILLed (at a quiet outbox) and restarted by its supervisor.
    await quietOutbox();
    const killed = stack.workers[0]!;
    const killedPid = killed.process.pid;
    const reviews = eachLimited(journeys, 8, async (j) => {
      await call('POST', `/products/${j.id}/review`, {
        as: 'tinh.laocai',
        body: j.fate === 'rejected' ? { decision: 'reject', reason: 'Chưa đặc trưng địa phương' } : { decision: 'accept' },
      });
    });
    process.kill(killedPid, 'SIGKILL');
    await reviews;
    await until(async () => killed.process.pid !== killedPid && killed.isAlive(), Boolean, 'worker-1 restarted by its supervisor', 60_000);
    figures.workerKills = 1;

    // 3. Plans, dossiers and withdrawals — while worker-2 is stopped with SIGTERM: it drains, exits 0, comes back.
    const open = journeys.filter((j) => j.fate !== 'rejected');
    const drained = stack.workers[1]!;
    const drainedPid = drained.process.pid;
    const exit = new Promise<void>((resolve) => drained.process.once('exit', () => resolve()));
    const producerSteps = eachLimited(open, 8, async (j) => {
      if (j.fate === 'withdrawn') {
        await call('POST', `/products/${j.id}/withdraw`, { as: j.producer, body: { reason: 'Chủ thể rút hồ sơ' } });
        return;
      }
      await call('POST', `/products/${j.id}/business-plan`, { as: j.producer, body: { summary: 'Mở rộng vùng nguyên liệu' } });
      // The documents the dossier's checklist requires: one small PDF for each kind still missing.
      const { checklist } = await call('GET', `/products/${j.id}/documents`, { as: j.producer });
      for (const item of (checklist as { kind: string; present: boolean }[]).filter((i) => !i.present)) {
        await call('POST', `/products/${j.id}/documents?kind=${item.kind}`, { as: j.producer, form: () => pdfForm(item.kind, j.id!) });
      }
      await call('POST', `/products/${j.id}/dossier`, {
        as: j.producer,
        body: { selfAssessment: { A: 28, B: 18, C: 30 }, evidence: ['https://files.example.vn/ho-so.pdf'] },
      });
    });
    process.kill(drainedPid, 'SIGTERM');
    await exit;
    await producerSteps;
    await until(
      async () => drained.process.pid !== drainedPid && drained.isAlive(),
      Boolean,
      'worker-2 restarted by its supervisor',
      60_000,
    );
    // It stopped polling, let its tasks finish, and only then closed (JSON log lines of that process).
    const drainLog = stack.logs.filter((line) => line.startsWith('[worker-2]') && line.includes(`"pid":${drainedPid},`)).join('\n');
    expect(drainLog).toContain('SIGTERM: no new tasks; finishing the tasks in hand');
    expect(drainLog).toMatch(/worker drained in \d+ ms/);
    figures.workerGracefulStops = 1;

    const inSession = open.filter((j) => j.fate !== 'withdrawn');
    await waitForStages(inSession, () => 'awaiting_district_session', 'dossiers in');

    // 4. District councils — while Temporal's history service is killed and restarted, three times.
    const councils = Promise.all(
      ['bac-ha', 'bat-xat'].map((district) =>
        runSession(
          'district',
          district,
          inSession.filter((j) => j.district === district),
          (j) => DISTRICT_MEAN[j.fate],
        ),
      ),
    );
    // Three restarts while the entries and scorecards arrive: an update's workflow task lost with its history service
    // must not leave a fact in the log that the retried task contradicts (EventStream: update facts as activity tasks).
    for (const pause of [1_000, 1_700, 2_400]) {
      await new Promise((r) => setTimeout(r, pause));
      await stack.cluster.restart('history');
      figures.historyRestarts = Number(figures.historyRestarts ?? 0) + 1;
    }
    await councils;

    // 5. The lab answers (with its API key) — while PostgreSQL crashes (at a quiet outbox) and restarts.
    const lab = inSession.filter((j) => j.fate === 'certified_after_lab');
    await waitForStages(lab, () => 'awaiting_lab_test', 'lab requests');
    await quietOutbox();
    await stack.pg.crash();
    await new Promise((r) => setTimeout(r, 2_000));
    await stack.pg.restart();
    figures.postgresCrashes = 1;
    await eachLimited(lab, 6, async (j) => {
      const requests = await until(
        () => call('GET', '/lab-requests', { apiKey: LAB_KEY }),
        (list: { requestId: string; productId: string; status: string }[]) =>
          list.some((r) => r.productId === j.id && r.status === 'requested'),
        `lab request of ${j.id}`,
      );
      const request = requests.find((r: { productId: string }) => r.productId === j.id)!;
      await call('POST', `/lab-requests/${encodeURIComponent(request.requestId)}/results`, {
        apiKey: LAB_KEY,
        body: {
          indicators: [
            { indicator: 'E. coli', passed: true },
            { indicator: 'Chì (Pb)', passed: true },
          ],
        },
      });
    });

    // 6. The provincial council; then every journey has ended.
    const forProvince = inSession.filter((j) => j.fate === 'certified' || j.fate === 'certified_after_lab');
    await waitForStages(forProvince, () => 'awaiting_province_session', 'products at the province');
    await runSession('province', 'lao-cai', forProvince, () => 74);
    const stages = await waitForStages(journeys, (j) => EXPECTED_STAGE[j.fate], 'every journey at its expected end');
    figures.journeys = journeys.length;
    figures.driveSeconds = Math.round((Date.now() - started) / 1000);
    figures.httpCalls = calls;
    figures.httpRetries = retries;

    // Every journey reached the stage its script expects — in the read model and in Temporal's own search attribute.
    for (const j of journeys) expect(`${j.i}:${stages.get(j.id!)}`).toBe(`${j.i}:${EXPECTED_STAGE[j.fate]}`);
    // Temporal's visibility store follows the histories a moment later (its own task queue): wait for it to agree.
    const certified = journeys.filter((j) => EXPECTED_STAGE[j.fate] === 'certified');
    const listCertified = async () => {
      const { stdout: listed } = await run(
        stack.cli,
        [
          'workflow',
          'list',
          '--address',
          stack.temporalAddress,
          '--query',
          `OcopStage='certified' AND OcopCycleYear=${YEAR}`,
          '--output',
          'json',
          '--limit',
          '1000',
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      return new Set((JSON.parse(listed || '[]') as { execution: { workflowId: string } }[]).map((w) => w.execution.workflowId));
    };
    const certifiedIds = await until(
      listCertified,
      (ids) => certified.every((j) => ids.has(`product:${j.id}:${YEAR}`)),
      'the certified journeys in Temporal visibility',
      60_000,
    ).catch(listCertified);
    expect(certified.filter((j) => certifiedIds.has(`product:${j.id}:${YEAR}`))).toHaveLength(certified.length);

    // The outbox drains: every e-mail and webhook delivered (the receivers are checked below).
    await until(
      () => query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_outbox WHERE status <> 'sent'`),
      ([row]) => row!.n === 0,
      'every notification delivered',
      180_000,
    );

    // The series /metrics promised moved during the run.
    const after = await scrape();
    const [apiBefore, , workerBefore] = before;
    const [apiAfter, api2After, workerAfter, worker2After] = after;
    expect(sample(apiAfter!, /^ocop_http_request_duration_seconds_count\{method="POST",route="\/products"/)).toBeGreaterThan(
      sample(apiBefore!, /^ocop_http_request_duration_seconds_count\{method="POST",route="\/products"/),
    );
    expect(
      sample(api2After!, /^ocop_http_request_duration_seconds_count\{method="POST",route="\/sessions\/:id\/scorecards"/),
    ).toBeGreaterThan(0);
    expect(sample(apiAfter!, /^ocop_events_newest_position /)).toBeGreaterThan(sample(apiBefore!, /^ocop_events_newest_position /));
    expect(apiAfter).toMatch(/^ocop_outbox_depth\{channel="email",status="sent"\} [1-9]/m);
    expect(apiAfter).toMatch(/^ocop_projection_lag_seconds /m);
    const workersAfter = `${workerAfter}\n${worker2After}`;
    expect(sample(workersAfter, /^ocop_notification_deliveries_total\{channel="email"\}/)).toBeGreaterThan(
      sample(workerBefore!, /^ocop_notification_deliveries_total\{channel="email"\}/),
    );
    expect(sample(workersAfter, /^temporal_workflow_task_execution_latency_(seconds_)?count/)).toBeGreaterThan(0);
    expect(sample(workersAfter, /^temporal_(local_)?activity_execution_latency_(seconds_)?count/)).toBeGreaterThan(0);

    // Nothing else writes while the read models are compared with a rebuild.
    for (const worker of stack.workers) await worker.stop();
  }, 1_500_000);

  it('recorded every fact once: no duplicate (stream, seq), no fact twice, certificate numbers contiguous and unique', async () => {
    const [{ events }] = await query<{ events: number }>(`SELECT count(*)::int AS events FROM events`);
    figures.events = events;
    expect(await query(`SELECT stream_id, stream_seq FROM events GROUP BY 1, 2 HAVING count(*) > 1`)).toEqual([]);
    // A logical fact is its stream, type and payload: recorded twice it would appear twice with different seqs.
    expect(await query(`SELECT stream_id, type, payload::text FROM events GROUP BY 1, 2, 3 HAVING count(*) > 1`)).toEqual([]);
    // Each stream's positions are 1..n without a hole.
    expect(await query(`SELECT stream_id FROM events GROUP BY 1 HAVING max(stream_seq) <> count(*)`)).toEqual([]);
    const numbers = (
      await query<{ certificate_no: string }>(`SELECT certificate_no FROM certificates WHERE certificate_no LIKE $1 ORDER BY 1`, [
        `LC-${YEAR}-%`,
      ])
    ).map((r) => r.certificate_no);
    const certifiedJourneys = Math.floor(JOURNEYS / FATES.length) * 2 + [3, 4].filter((r) => r < JOURNEYS % FATES.length).length;
    figures.certificates = numbers.length;
    expect(numbers).toEqual(Array.from({ length: certifiedJourneys }, (_, i) => `LC-${YEAR}-${String(i + 1).padStart(4, '0')}`));
  });

  it('delivered every e-mail exactly once to the SMTP server and every webhook exactly once to the receiver', async () => {
    const outbox = await query<{ idempotency_key: string; channel: string; recipient: string }>(
      `SELECT idempotency_key, channel, recipient FROM notification_outbox WHERE channel <> 'inbox' ORDER BY 1`,
    );
    const expectOnce = (channel: string, received: readonly { deliveryId: string }[]) => {
      const rows = outbox.filter((r) => r.channel === channel).map((r) => r.idempotency_key);
      const counts = new Map<string, number>();
      for (const r of received) counts.set(r.deliveryId, (counts.get(r.deliveryId) ?? 0) + 1);
      expect(rows.length).toBeGreaterThan(0);
      expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]); // no duplicate
      expect(rows.filter((key) => counts.get(key) !== 1)).toEqual([]); // none missing
      expect([...counts.keys()].filter((key) => !rows.includes(key))).toEqual([]); // nothing unexpected
      return rows.length;
    };
    figures.emails = expectOnce('email', stack.emails);
    figures.webhooks = expectOnce('webhook', stack.webhooks);
    expect(stack.badSignatures).toEqual([]);
    const [{ inbox }] = await query<{ inbox: number }>(`SELECT count(*)::int AS inbox FROM inbox_messages`);
    figures.inboxMessages = inbox;
  });

  it('holds read models equal to a rebuild from the event log', async () => {
    const snapshot = async () => {
      const tables: Record<string, unknown[]> = {};
      for (const table of READ_MODEL_TABLES) tables[table] = await query(`SELECT * FROM ${table} t ORDER BY t::text`);
      return tables;
    };
    const live = await snapshot();
    await run(process.execPath, [path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), 'rebuild'], {
      env: { PATH: process.env.PATH!, DATABASE_URL: stack.databaseUrl },
      maxBuffer: 16 * 1024 * 1024,
    });
    const rebuilt = await snapshot();
    for (const table of READ_MODEL_TABLES) expect({ table, rows: rebuilt[table] }).toEqual({ table, rows: live[table] });
    figures.readModelRows = Object.values(live).reduce((n, rows) => n + rows.length, 0);
  }, 300_000);
});
