import { Client } from 'pg';
import { startDatabaseProxy, startOwnStack, type OwnStack } from '../support/own-api';

// Brakes that must hold across API processes (state in PostgreSQL), and outages told as 503: a stack of our own
// (fresh database, three API processes), so locking accounts and cutting the database touch no other suite.

const SECRETS = { JWT_SECRET: 'own-stack-jwt-secret-0123456789', WEBHOOK_SECRET: 'own-stack-webhook-secret-0123456789' };
const BRAKES = {
  LOGIN_DELAY_AFTER: '3',
  LOGIN_LOCK_AFTER: '6',
  LOGIN_FIRST_DELAY_MS: '60000',
  LOGIN_LOCK_SECONDS: '600',
  LOGIN_ADDRESS_DELAY_AFTER: '8',
  CERTIFICATE_CHECKS_PER_MINUTE: '5',
  // No worker polls this stack's task queue: a workflow step can never be taken, so it must end at this bound.
  TEMPORAL_STEP_TIMEOUT_MS: '2000',
};
const PASSWORD = 'Khóa-thử-2027!';

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string, key?: string): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

const login = (base: string, username: string, password: string) => call(base, 'POST', '/auth/login', { username, password });
const ACCOUNT = 'login:account:thu.khoa';

describe('Brakes across API processes, and outages', () => {
  jest.setTimeout(240_000);
  let stack: OwnStack;
  let a: string; // NODE_ENV=test
  let b: string; // NODE_ENV=production, DOCS_ENABLED=true
  let c: { url: string; cut: () => void; restore: () => Promise<void>; stop: () => Promise<void> }; // production, its database behind a proxy
  let adminToken: string;
  let db: Client;

  beforeAll(async () => {
    stack = await startOwnStack({ env: { ...SECRETS, ...BRAKES } });
    const proxy = await startDatabaseProxy(stack.databaseUrl);
    const [apiA, apiB, apiC] = await Promise.all([
      stack.startApi(),
      stack.startApi({ NODE_ENV: 'production', DOCS_ENABLED: 'true' }),
      stack.startApi({ NODE_ENV: 'production' }, proxy.url),
    ]);
    a = apiA.url;
    b = apiB.url;
    c = { ...proxy, url: apiC.url };
    adminToken = (await login(a, 'admin', 'ocop-demo-2021')).body.accessToken;
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  /** How long the key's last counted attempt holds the next one back, in seconds (from the shared state). */
  const heldFor = async (key: string): Promise<number> =>
    (
      await db.query(`SELECT round(extract(epoch FROM blocked_until - last_attempt_at))::int AS s FROM throttles WHERE throttle_key = $1`, [
        key,
      ])
    ).rows[0].s;
  /** Lets a hold pass without waiting it out. */
  const letHoldPass = (key: string) => db.query(`UPDATE throttles SET blocked_until = now() WHERE throttle_key = $1`, [key]);

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    await c?.stop();
  });

  it('slows an account down after a few failed logins, then locks it and tells its owner — the same in both processes', async () => {
    const created = await call(
      a,
      'POST',
      '/users',
      {
        username: 'thu.khoa',
        displayName: 'Người dùng thử khóa',
        password: PASSWORD,
        role: 'district_coordinator',
        districtCode: 'bac-ha',
      },
      adminToken,
    );
    expect(created.status).toBe(201);

    // Three failures answered at once, alternating processes; from then on each next try must wait — in either process.
    for (const base of [a, b, a]) expect((await login(base, 'thu.khoa', 'sai-mat-khau-1')).body.code).toBe('INVALID_CREDENTIALS');
    const slowed = await login(b, 'thu.khoa', PASSWORD);
    expect(slowed.status).toBe(429);
    expect(slowed.body).toMatchObject({
      code: 'LOGIN_THROTTLED',
      message: { vi: expect.any(String), en: expect.any(String) },
      details: { scope: 'account' },
    });
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await heldFor(ACCOUNT)).toBe(60); // the first delay (LOGIN_FIRST_DELAY_MS)

    // Each further failure doubles the delay (the test lets each delay pass by moving the hold to now, rather than
    // waiting it out); the sixth failure in a row locks the account.
    for (const [attempt, delay] of [
      [4, 120],
      [5, 240],
    ] as const) {
      await letHoldPass(ACCOUNT);
      expect((await login(attempt % 2 ? a : b, 'thu.khoa', `sai-mat-khau-${attempt}`)).status).toBe(401);
      expect(await heldFor(ACCOUNT)).toBe(delay);
      expect((await login(attempt % 2 ? b : a, 'thu.khoa', PASSWORD)).body.code).toBe('LOGIN_THROTTLED');
    }
    await letHoldPass(ACCOUNT);
    expect((await login(a, 'thu.khoa', 'sai-mat-khau-6')).status).toBe(401);
    expect(await heldFor(ACCOUNT)).toBe(600); // LOGIN_LOCK_SECONDS

    const locked = await login(a, 'thu.khoa', PASSWORD); // even the right password
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(240);
    expect((await login(b, 'thu.khoa', PASSWORD)).body.code).toBe('ACCOUNT_LOCKED');

    const { rows } = await db.query(
      `SELECT channel, recipient, subject_vi, subject_en FROM notification_outbox WHERE template = 'account-locked'`,
    );
    expect(rows).toEqual([
      {
        channel: 'inbox',
        recipient: `user:${created.body.userId}`,
        subject_vi: expect.stringContaining('thu.khoa'),
        subject_en: expect.stringContaining('locked until'),
      },
    ]);
    // Another account from the same address is not locked.
    expect((await login(b, 'admin', 'ocop-demo-2021')).status).toBe(200);
  });

  it('slows down a client address that fails over many accounts', async () => {
    // The failures above count against the address too (its successful logins do not); the 8th makes the next wait.
    const [{ attempts }] = (await db.query(`SELECT attempts FROM throttles WHERE throttle_key LIKE 'login:address:%'`)).rows;
    expect(attempts).toBeLessThan(8);
    const answers: Answer[] = [];
    for (let i = 0; i < 10; i += 1) {
      const answer = await login(i % 2 ? a : b, `khong-co-${i}`, 'sai-mat-khau');
      answers.push(answer);
      if (answer.status === 429) break;
    }
    expect(answers.map((x) => x.status)).toEqual([...Array<number>(8 - attempts).fill(401), 429]);
    expect(answers.at(-1)!.body).toMatchObject({ code: 'LOGIN_THROTTLED', details: { scope: 'address' } });
    expect((await login(a, 'admin', 'ocop-demo-2021')).status).toBe(429);
  });

  it('rate-limits the public certificate check per address, across processes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await call(i % 2 ? a : b, 'GET', '/public/certificates/LC-2021-9999')).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404]);
    const limited = await call(a, 'GET', '/verify/LC-2021-9999');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('serves /docs in production only when DOCS_ENABLED says so', async () => {
    expect((await call(c.url, 'GET', '/docs/openapi.json')).status).toBe(404);
    expect((await call(c.url, 'GET', '/docs')).status).toBe(404);
    expect((await call(b, 'GET', '/docs/openapi.json')).status).toBe(200);
    expect((await call(a, 'GET', '/docs/openapi.json')).status).toBe(200);
  });

  it('answers 503 WORKFLOW_UNAVAILABLE with Retry-After when no worker takes a step in time, and frees its Idempotency-Key', async () => {
    const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    // Temporal is the shared e2e server: a province and year no other suite opens (Cà Mau, 2020).
    const cycle = {
      provinceCode: '96',
      year: 2020,
      ruleSet: 'QD1048-2019',
      calendar: {
        ideaWindowClosesAt: at(30),
        businessPlanDueAt: at(60),
        dossierDueAt: at(90),
        districtSessionsCloseAt: at(120),
        provincialSessionsCloseAt: at(150),
        certificationAt: at(180),
      },
    };
    // The same request twice with one key: the first attempt's claim is released with its 503, so the retry is tried
    // again (and refused the same way) rather than told that the first one is still in progress.
    for (const attempt of ['first', 'retried']) {
      const late = await call(a, 'POST', '/cycles', cycle, adminToken, 'step-deadline-96-2020');
      expect({ attempt, status: late.status, code: late.body.code }).toEqual({ attempt, status: 503, code: 'WORKFLOW_UNAVAILABLE' });
      expect(late.body.details).toEqual({ reason: expect.stringContaining('in time') });
      expect(Number(late.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while PostgreSQL is unreachable, and recovers', async () => {
    expect((await call(c.url, 'GET', '/products', undefined, adminToken)).status).toBe(200);
    c.cut();
    try {
      for (const [method, path, body] of [
        ['GET', '/products', undefined],
        ['GET', '/organisations', undefined],
        ['POST', '/organisations', { name: 'HTX thử', districtCode: 'bac-ha' }],
      ] as const) {
        const down = await call(c.url, method, path, body, adminToken);
        expect({ path, status: down.status, code: down.body.code }).toEqual({ path, status: 503, code: 'DATABASE_UNAVAILABLE' });
        expect(down.body.message).toEqual({ vi: expect.stringContaining('dữ liệu'), en: expect.stringContaining('database') });
        expect(Number(down.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      expect((await login(c.url, 'admin', 'ocop-demo-2021')).status).toBe(503);
    } finally {
      await c.restore();
    }
    let back: Answer | undefined;
    for (let i = 0; i < 50 && back?.status !== 200; i += 1) {
      back = await call(c.url, 'GET', '/products', undefined, adminToken);
      if (back.status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(back!.status).toBe(200);
  });
});
