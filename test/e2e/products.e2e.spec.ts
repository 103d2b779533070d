import { Client, Connection } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { CYCLE_YEAR, ensureTestCycle } from './flows';
import { request, requestAs } from './http';

const BAC_HA_COOPERATIVE = '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001'; // seeded demo organisation
const PRODUCER = 'htx.bacha'; // its seeded demo user
const PRODUCER_ID = '7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0005';

// The e2e test cycle (this year's, QĐ 1048, windows hours ahead): ideas go to an open cycle only.

const anIdea = (overrides: Record<string, unknown> = {}) => ({
  organisationId: BAC_HA_COOPERATIVE,
  name: `Rượu mận Bắc Hà ${randomUUID().slice(0, 8)}`,
  productGroup: 'do-uong',
  district: 'bac-ha',
  cycleYear: CYCLE_YEAR,
  ...overrides,
});

describe('the product slice over HTTP (API and worker processes, Temporal dev server, PostgreSQL)', () => {
  let db: DataSource;
  let temporal: Client;

  beforeAll(async () => {
    await ensureTestCycle();
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
    temporal = new Client({ connection: await Connection.connect({ address: process.env.OCOP_E2E_TEMPORAL_ADDRESS! }) });
  });
  afterAll(async () => {
    await db?.destroy();
    await temporal?.connection.close();
  });

  // Other suites write events at the same time: count only what this test's requests could have written.
  const eventsOf = async (streamId: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM events WHERE stream_id = $1`, [streamId]))[0].n);
  const ideasNamed = async (name: unknown) =>
    Number(
      (await db.query(`SELECT count(*) AS n FROM events WHERE type = 'IdeaSubmitted' AND payload->>'name' = $1`, [String(name)]))[0].n,
    );
  const workflowCount = async (query: string) => (await temporal.workflow.count(query)).count;
  const temporalCli = (...args: string[]) =>
    promisify(execFile)(process.env.OCOP_TEMPORAL_CLI!, [...args, '--address', process.env.OCOP_E2E_TEMPORAL_ADDRESS!]);

  it('submits an idea: 201, then the read model and the live workflow state', async () => {
    const idea = anIdea();
    const created = await requestAs(PRODUCER, 'POST', '/products', { body: idea });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: idea.name,
      district: 'bac-ha',
      province: 'lao-cai',
      ruleSet: 'QD1048-2019',
      stage: 'awaiting_idea_review',
    });
    expect(created.body.workflowId).toBe(`product:${created.body.id}:${CYCLE_YEAR}`);

    const detail = await requestAs(PRODUCER, 'GET', `/products/${created.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: created.body.id,
      stage: 'awaiting_idea_review',
      live: { stage: 'awaiting_idea_review', ideaRecorded: true, lastEventSeq: 1 },
    });

    const [event] = await db.query(`SELECT type, stream_seq, actor, payload FROM events WHERE stream_id = $1`, [created.body.workflowId]);
    expect(event).toMatchObject({ type: 'IdeaSubmitted', stream_seq: 1, actor: `producer:${PRODUCER_ID}`, payload: { name: idea.name } });
  });

  it('shows the journey to the real `temporal` CLI, searchable by stage and district', async () => {
    const { body } = await requestAs(PRODUCER, 'POST', '/products', { body: anIdea({ district: undefined, productGroup: 'thuc-pham' }) });
    const { stdout } = await temporalCli('workflow', 'list', '--query', `OcopStage='awaiting_idea_review' AND OcopDistrict='bac-ha'`);
    expect(stdout).toContain(body.workflowId);
    const described = await temporalCli('workflow', 'describe', '--workflow-id', body.workflowId);
    expect(described.stdout).toContain('productJourney');
  });

  it('replays the first response to a retry with the same Idempotency-Key and starts nothing new', async () => {
    const idea = anIdea();
    const key = `retry-${randomUUID()}`;
    const first = await requestAs(PRODUCER, 'POST', '/products', { body: idea, headers: { 'Idempotency-Key': key } });
    const before = await eventsOf(first.body.workflowId);
    expect(before).toBeGreaterThanOrEqual(1);
    const again = await requestAs(PRODUCER, 'POST', '/products', { body: idea, headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await eventsOf(first.body.workflowId)).toBe(before);
    expect(await ideasNamed(idea.name)).toBe(1);
    expect(await workflowCount(`WorkflowId = '${first.body.workflowId}'`)).toBe(1);

    const otherBody = await requestAs(PRODUCER, 'POST', '/products', {
      body: { ...idea, name: 'Another product' },
      headers: { 'Idempotency-Key': key },
    });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers simultaneous retries with one product', async () => {
    const idea = anIdea();
    const key = `race-${randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => requestAs(PRODUCER, 'POST', '/products', { body: idea, headers: { 'Idempotency-Key': key } })),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(answers.every((a) => a.status === 201 || (a.status === 409 && a.body.code === 'IDEMPOTENCY_IN_PROGRESS'))).toBe(true);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    const rows = await db.query(`SELECT count(*)::int AS n FROM products WHERE name = $1`, [idea.name]);
    expect(rows[0].n).toBe(1);
  });

  describe('bad input changes nothing', () => {
    it.each([
      [
        'a malformed body',
        { name: 'Tên hợp lệ nhưng thiếu trường', cycleYear: 'x', extra: true },
        ['organisationId', 'productGroup', 'cycleYear', 'extra'],
      ],
      ['a cycle year before OCOP', anIdea({ cycleYear: 2010 }), ['cycleYear']],
      ['a non-UUID organisation', anIdea({ organisationId: 'htx-bac-ha' }), ['organisationId']],
    ])('%s: 400 naming each bad field and its rule', async (_case, body, fields) => {
      const response = await requestAs(PRODUCER, 'POST', '/products', { body });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toEqual({ vi: expect.any(String), en: expect.any(String) });
      expect(new Set(response.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(fields));
      for (const error of response.body.errors) expect(error.rule).toEqual(expect.any(String));
      expect(await ideasNamed((body as { name?: unknown }).name)).toBe(0);
    });

    it('broken JSON: 400, not 500', async () => {
      const response = await requestAs(PRODUCER, 'POST', '/products', { rawBody: '{"name": ' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['an unknown district', { district: 'quan-1' }, 'UNKNOWN_DISTRICT', 'district'],
      ['a product group of another rule set', { productGroup: 'duoc-lieu' }, 'UNKNOWN_PRODUCT_GROUP', 'productGroup'],
      ['an unknown organisation (admin)', { organisationId: randomUUID() }, 'UNKNOWN_ORGANISATION', 'organisationId', 'admin'],
    ])('%s: 422, no event, no workflow', async (_case, overrides, code, field, user = PRODUCER) => {
      const idea = anIdea(overrides);
      const response = await requestAs(user, 'POST', '/products', { body: idea, headers: { 'Idempotency-Key': `bad-${randomUUID()}` } });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code, details: { field } });
      expect(await ideasNamed(idea.name)).toBe(0);
      expect((await db.query(`SELECT count(*)::int AS n FROM products WHERE name = $1`, [idea.name]))[0].n).toBe(0);
    });

    it('another organisation’s producer: 403; no token: 401; nothing written', async () => {
      const idea = anIdea();
      const foreign = await requestAs('che.batxat', 'POST', '/products', { body: idea });
      expect(foreign.status).toBe(403);
      expect(foreign.body).toMatchObject({
        code: 'ACCESS_DENIED',
        details: { field: 'organisationId' },
        message: { vi: expect.any(String), en: expect.any(String) },
      });
      const anonymous = await request('POST', '/products', { body: idea });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
      expect(await ideasNamed(idea.name)).toBe(0);
    });

    it('an unknown product: 404; an id that is not a UUID: 400', async () => {
      expect((await requestAs(PRODUCER, 'GET', `/products/${randomUUID()}`)).body.code).toBe('PRODUCT_NOT_FOUND');
      const notUuid = await requestAs(PRODUCER, 'GET', '/products/abc');
      expect(notUuid.status).toBe(400);
      expect(notUuid.body.errors).toEqual([{ field: 'id', rule: 'isUuid', message: 'id must be a UUID' }]);
    });
  });

  it('reports PostgreSQL and Temporal on /health', async () => {
    const health = await request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, temporal: { status: 'up' } } });
  });

  it('documents the endpoints in OpenAPI at /docs', async () => {
    const spec = await request('GET', '/docs/openapi.json');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/products', '/products/{id}', '/products/{id}/timeline', '/auth/login']),
    );
    expect(spec.body.paths['/products'].post.responses).toHaveProperty('201');
    expect(spec.body.components.schemas.SubmitIdeaDto.required).toEqual(
      expect.arrayContaining(['organisationId', 'name', 'productGroup', 'cycleYear']),
    );
    // The district is the organisation's: taken from it when left out.
    expect(spec.body.components.schemas.SubmitIdeaDto.required).not.toContain('district');
  });
});
