import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { createSession, CYCLE_YEAR, ensureTestCycle, ok, ORGANISATION_OF, submitIdea, userIdOf } from './flows';
import { apiUrl, request, requestAs } from './http';

// Each failure found by probing the API as an attacker and as a flaky network would, reproduced: a 4xx naming the
// field and the rule (never a 500), retries that replay, refusals retried inside the API, headers and methods.

/** Keys sorted at every level: how the API hashes a body for Idempotency-Key. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value);

/** A request on a connection of its own (no pooling), by Node's http client. */
function raw(method: string, path: string, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${apiUrl()}${path}`,
      { method, agent: false, headers: body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const idea = (name = `Hardening ${randomUUID().slice(0, 6)}`) => ({
  organisationId: ORGANISATION_OF['htx.bacha'],
  name,
  productGroup: 'thuc-pham',
  district: 'bac-ha',
  cycleYear: CYCLE_YEAR,
});

describe('Hardening: input, retries, headers, methods', () => {
  let db: DataSource;

  beforeAll(async () => {
    await ensureTestCycle();
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
  });

  afterAll(async () => {
    await db?.destroy();
  });

  describe('every input error is a 4xx naming the field and the rule', () => {
    it.each([
      ['a timestamp PostgreSQL would misread', ['1', 'x']],
      ['a workflow id of something else', ['2027-01-01T00:00:00.000Z', "x' OR 1=1"]],
      ['an instant that is not ISO', ['Mon, 01 Jan 2027 00:00:00 GMT', 'product:0b6c2f0e-5f0a-4f4e-9d61-2a7f3c9b1e01:2027']],
      ['three parts', ['2027-01-01T00:00:00.000Z', 'product:0b6c2f0e-5f0a-4f4e-9d61-2a7f3c9b1e01:2027', 1]],
    ])('a crafted list cursor (%s)', async (_what, payload) => {
      const cursor = Buffer.from(JSON.stringify(payload)).toString('base64url');
      const response = await requestAs('tinh.laocai', 'GET', `/products?cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'cursor', rule: expect.any(String) } });
    });

    it('a JSON body nested 3,000 deep on the public login, refused before parsing', async () => {
      const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
      const response = await request('POST', '/auth/login', { rawBody: `{"username":"admin","password":${deep}}` });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body', rule: 'maxDepth' }] });
    });

    it('a body over 100 kB: 413 PAYLOAD_TOO_LARGE', async () => {
      // On a connection of its own: the API answers before reading such a body and then closes the connection,
      // which must not be one that fetch's pool hands to the next test.
      const response = await raw('POST', '/auth/login', JSON.stringify({ username: 'admin', password: 'x'.repeat(120_000) }));
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', errors: [{ field: 'body', rule: 'maxSize' }] });
    });

    it('malformed JSON names the body', async () => {
      const response = await request('POST', '/auth/login', { rawBody: '{"username":' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body' }] });
    });

    it('a scorecard part written as 1e-7 or 1e300', async () => {
      const sessionId = await createSession('tinh.laocai', 'province', 'lao-cai');
      for (const A of ['1e-7', '1e300', '12.345']) {
        const response = await requestAs('hoidong.1', 'POST', `/sessions/${sessionId}/scorecards`, {
          rawBody: `{"productId":"${randomUUID()}","parts":{"A":${A},"B":10,"C":10}}`,
        });
        expect({ A, status: response.status }).toEqual({ A, status: 400 });
        expect(response.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: 'parts.A', rule: expect.stringMatching(/isDecimal|max/) })]),
        );
      }
    });

    it('__proto__ is refused like any other unknown field', async () => {
      const response = await requestAs('htx.bacha', 'POST', '/products', {
        rawBody: JSON.stringify(idea()).replace('{', '{"__proto__":{"role":"admin"},'),
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: '__proto__', rule: 'notAllowed', message: '__proto__ is not an allowed field' }]);
      const nested = await requestAs('hoidong.1', 'POST', `/sessions/${randomUUID()}/scorecards`, {
        rawBody: `{"productId":"${randomUUID()}","parts":{"__proto__":{"A":1},"A":1,"B":1,"C":1}}`,
      });
      expect(nested.status).toBeGreaterThanOrEqual(400);
      expect(nested.status).toBeLessThan(500);
    });

    it('a lab request id goes in the path as it is, colons and all', async () => {
      const id = `product:${randomUUID()}:${CYCLE_YEAR}:lab:1`;
      const response = await requestAs('admin', 'GET', `/lab-requests/${id}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'NOT_FOUND', details: { id } });
    });

    it.each([
      ['12345678', ['minLength', 'notCommon']],
      ['password', ['minLength', 'notCommon']],
      ['        ', ['minLength', 'notCommon']],
      ['1234567890', ['notCommon']],
      ['USERNAME', ['notUsername', 'notCommon']],
    ])('a weak password %j is refused naming the rules %j', async (password, rules) => {
      const username = `yeu.${randomUUID().slice(0, 8)}`;
      const response = await requestAs('admin', 'POST', '/users', {
        body: { username, displayName: 'Mật khẩu yếu', password: password === 'USERNAME' ? username : password, role: 'admin' },
      });
      expect(response.status).toBe(400);
      expect(
        response.body.errors
          .filter((e: { field: string }) => e.field === 'password')
          .map((e: { rule: string }) => e.rule)
          .sort(),
      ).toEqual([...rules].sort());
      expect((await requestAs('admin', 'GET', '/users')).body.some((u: { username: string }) => u.username === username)).toBe(false);
    });

    it('the demo password passes the rule', async () => {
      const username = `manh.${randomUUID().slice(0, 8)}`;
      ok(
        await requestAs('admin', 'POST', '/users', {
          body: { username, displayName: 'Mật khẩu đủ mạnh', password: 'ocop-demo-2021', role: 'admin' },
        }),
        201,
      );
    });
  });

  describe('retries', () => {
    it('replays an Idempotency-Key whose body has the same fields in another order', async () => {
      const body = idea();
      const key = `order-${randomUUID()}`;
      const first = ok(await requestAs('htx.bacha', 'POST', '/products', { body, headers: { 'Idempotency-Key': key } }), 201);
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const again = await requestAs('htx.bacha', 'POST', '/products', {
        rawBody: JSON.stringify(reordered),
        headers: { 'Idempotency-Key': key },
      });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.id).toBe(first.id);
    });

    it('a claim left by a request that died is taken over seconds later, not minutes', async () => {
      const body = idea();
      const key = `dead-${randomUUID()}`;
      const scope = `${await userIdOf('htx.bacha')}:POST /products:${key}`;
      const hash = createHash('sha256').update(canonical(body)).digest('hex');
      // A claim whose lease was last renewed 11 s ago: its request (or its process) is gone.
      await db.query(
        `INSERT INTO idempotency_keys (scope_key, request_hash, state, updated_at) VALUES ($1, $2, 'in_progress', now() - interval '11 seconds')`,
        [scope, hash],
      );
      const retried = await requestAs('htx.bacha', 'POST', '/products', { body, headers: { 'Idempotency-Key': key } });
      expect(retried.status).toBe(201);

      // A claim renewed a moment ago is a request still running: the retry is told so.
      const liveKey = `live-${randomUUID()}`;
      await db.query(
        `INSERT INTO idempotency_keys (scope_key, request_hash, state, updated_at) VALUES ($1, $2, 'in_progress', now() - interval '2 seconds')`,
        [`${await userIdOf('htx.bacha')}:POST /products:${liveKey}`, hash],
      );
      const running = await requestAs('htx.bacha', 'POST', '/products', { body, headers: { 'Idempotency-Key': liveKey } });
      expect(running.status).toBe(409);
      expect(running.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    });

    it('an update storm of 50 on one workflow: one step recorded, every other answer a coded 409, no 503', async () => {
      const { id } = await submitIdea();
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          requestAs('tinh.laocai', 'POST', `/products/${id}/review`, {
            body: { decision: 'accept' },
            headers: i % 2 ? { 'Idempotency-Key': `storm-${randomUUID()}` } : {},
          }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409 && a.body.code === 'WRONG_STAGE')).toBe(true);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'IdeaAccepted' AND stream_id LIKE $1`, [
        `product:${id}:%`,
      ]);
      expect(n).toBe(1);
    });
  });

  describe('headers and methods', () => {
    it.each(['/health', '/app/', '/docs/openapi.json', '/public/certificates/LC-2021-0001'])(
      '%s carries the security headers and no X-Powered-By',
      async (path) => {
        const response = await fetch(`${apiUrl()}${path}`);
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("script-src 'self'");
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('x-powered-by')).toBeNull();
      },
    );

    it.each([
      ['TRACE', '/products', 'GET, POST, HEAD'],
      ['PUT', '/products', 'GET, POST, HEAD'],
      ['DELETE', `/products/${randomUUID()}`, 'GET, HEAD'],
      ['PATCH', '/nothing-here', 'GET, POST, HEAD'],
      ['OPTIONS', '/auth/login', 'POST'],
      ['GET', '/auth/login', 'POST'],
      ['POST', '/health', 'GET, HEAD'],
    ])('%s %s: 405 with Allow: %s', async (method, path, allow) => {
      // Node's http client, not fetch: fetch refuses to send TRACE at all.
      const response = await raw(method, path);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe(allow);
      expect(JSON.parse(response.body)).toMatchObject({
        code: 'METHOD_NOT_ALLOWED',
        message: { vi: expect.any(String), en: expect.any(String) },
      });
    });
  });
});
