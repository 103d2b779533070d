import { randomUUID } from 'node:crypto';
import { requestAs } from './http';
import { attachRequiredDocuments, ensureCompressedCycle, untilScoringOpens } from './flows';

// Council sessions, lab requests and inspections over HTTP, each caller logged in as a seeded demo user, against
// the built API and worker processes, the Temporal dev server and PostgreSQL. The whole idea → certificate flow is
// in journey-over-http.e2e.spec.ts; this suite covers the routes' roles, scopes and refusals.
// This suite's own QĐ 1489 cycle (the commune-level check), compressed like the test cycle — a rule "day" of one
// second — so a session set up 10 days ahead opens for scoring 10 s later; its windows lie hours ahead.
const YEAR = 2024;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('council sessions, lab requests and inspections over HTTP', () => {
  const ids = new Map<string, string>();
  const idOf = (username: string) => ids.get(username)!;
  let session: { id: string; [key: string]: unknown };

  const sessionBody = (overrides: Record<string, unknown> = {}) => ({
    level: 'province',
    areaCode: 'lao-cai',
    cycleYear: YEAR,
    sessionDate: inDays(30),
    memberIds: ['hoidong.1', 'hoidong.2', 'hoidong.3', 'hoidong.4'].map(idOf),
    chairId: idOf('hoidong.1'),
    ...overrides,
  });

  const ok = (response: { status: number; body: any }, status = 200) => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** A Bắc Hà product of next year's cycle (QĐ 1489) taken by its producer and coordinator through the commune check. */
  async function throughCommuneCheck(productGroup: string, name: string): Promise<{ id: string; stage: string }> {
    const idea = ok(
      await requestAs('htx.bacha', 'POST', '/products', {
        body: {
          organisationId: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001',
          name: `${name} ${randomUUID().slice(0, 6)}`,
          productGroup,
          district: 'bac-ha',
          cycleYear: YEAR,
        },
      }),
      201,
    );
    ok(await requestAs('huyen.bacha', 'POST', `/products/${idea.id}/review`, { body: { decision: 'accept' } }));
    ok(await requestAs('htx.bacha', 'POST', `/products/${idea.id}/business-plan`, { body: { summary: 'Mở rộng sản xuất lên 30 hộ' } }));
    await attachRequiredDocuments(idea.id);
    ok(
      await requestAs('htx.bacha', 'POST', `/products/${idea.id}/dossier`, {
        body: { selfAssessment: { A: 30, B: 18, C: 26 }, evidence: ['https://files.example.vn/ho-so.pdf'] },
      }),
    );
    const checked = ok(await requestAs('huyen.bacha', 'POST', `/products/${idea.id}/dossier-check`, { body: { passed: true } }));
    return { id: idea.id, stage: checked.stage };
  }

  beforeAll(async () => {
    await ensureCompressedCycle(YEAR, 'QD1489-2025'); // ideas go to an open cycle only
    for (const username of ['hoidong.1', 'hoidong.2', 'hoidong.3', 'hoidong.4', 'hoidong.5', 'huyen.bacha']) {
      const me = await requestAs(username, 'GET', '/auth/me');
      expect(me.status).toBe(200);
      ids.set(username, me.body.userId);
    }
    const created = await requestAs('tinh.laocai', 'POST', '/sessions', {
      body: sessionBody(),
      headers: { 'Idempotency-Key': `session-${randomUUID()}` },
    });
    expect(created.status).toBe(201);
    session = created.body;
  });

  describe('POST /sessions', () => {
    it('opens the session: 201 with its council, rule set and read model, and a following GET agrees', async () => {
      expect(session).toMatchObject({
        workflowId: `session:${session.id}`,
        level: 'province',
        areaCode: 'lao-cai',
        provinceCode: 'lao-cai',
        cycleYear: YEAR,
        status: 'open',
        chairId: idOf('hoidong.1'),
        openedBy: expect.stringMatching(/^provincial_coordinator:/),
        productsEntered: 0,
      });
      expect(session.members).toEqual(
        ['hoidong.1', 'hoidong.2', 'hoidong.3', 'hoidong.4'].map((u) => ({ memberId: idOf(u), name: expect.any(String) })),
      );
      expect((session.scoringParts as { code: string }[]).map((p) => p.code)).toEqual(['A', 'B', 'C']);

      const detail = await requestAs('hoidong.2', 'GET', `/sessions/${session.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        id: session.id,
        status: 'open',
        live: { status: 'open', products: [], scorecards: [], results: [] },
      });
    });

    it('replays a retry with the same Idempotency-Key: the same session, started once', async () => {
      const key = `session-${randomUUID()}`;
      const body = sessionBody({ sessionDate: inDays(40) });
      const first = await requestAs('tinh.laocai', 'POST', '/sessions', { body, headers: { 'Idempotency-Key': key } });
      const again = await requestAs('tinh.laocai', 'POST', '/sessions', { body, headers: { 'Idempotency-Key': key } });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
    });

    it.each([
      ['a member who is not a council member', () => ({ memberIds: [...sessionBody().memberIds, idOf('huyen.bacha')] }), 'memberIds'],
      ['a member who does not exist', () => ({ memberIds: [...sessionBody().memberIds, randomUUID()] }), 'memberIds'],
      ['too few members', () => ({ memberIds: [idOf('hoidong.1'), idOf('hoidong.2')] }), 'memberIds'],
      ['a chair who is not a member', () => ({ chairId: idOf('hoidong.5') }), 'chairId'],
      ['a session date in the past', () => ({ sessionDate: inDays(-1) }), 'sessionDate'],
      ['an unknown level', () => ({ level: 'commune' }), 'level'],
      ['a province that does not exist', () => ({ areaCode: 'ha-noi' }), 'areaCode'],
    ])('refuses %s: 400 naming the field', async (_, overrides, field) => {
      const response = await requestAs('tinh.laocai', 'POST', '/sessions', { body: sessionBody(overrides()) });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: expect.arrayContaining([expect.objectContaining({ field, rule: expect.any(String) })]),
      });
    });

    it('refuses an unknown district: 422 UNKNOWN_DISTRICT naming areaCode', async () => {
      const response = await requestAs('tinh.laocai', 'POST', '/sessions', {
        body: sessionBody({ level: 'district', areaCode: 'khong-co', cycleYear: 2025 }),
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'UNKNOWN_DISTRICT', details: { field: 'areaCode' } });
    });

    it.each([
      ['a district coordinator, a province session', 'huyen.bacha', {}],
      ['a district coordinator, another district', 'huyen.bacha', { level: 'district', areaCode: 'bat-xat', cycleYear: 2025 }],
      ['a provincial coordinator, a central session', 'tinh.laocai', { level: 'central', areaCode: 'vn' }],
      ['a council member', 'hoidong.1', {}],
      ['a lab', 'lab.laocai', {}],
    ])('refuses %s: 403', async (_, username, overrides) => {
      const response = await requestAs(username, 'POST', '/sessions', { body: sessionBody(overrides) });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'ACCESS_DENIED' });
    });
  });

  describe('GET /sessions', () => {
    it('lists the session for its members and its province’s coordinator, not for a council member outside it', async () => {
      for (const username of ['hoidong.1', 'hoidong.4', 'tinh.laocai', 'admin']) {
        const list = await requestAs(username, 'GET', `/sessions?cycleYear=${YEAR}&level=province&status=open`);
        expect(list.status).toBe(200);
        expect(list.body.map((s: { id: string }) => s.id)).toContain(session.id);
      }
      const outsider = await requestAs('hoidong.5', 'GET', '/sessions');
      expect(outsider.status).toBe(200);
      expect(outsider.body.map((s: { id: string }) => s.id)).not.toContain(session.id);
      // A district coordinator sees only district sessions of its district.
      const district = await requestAs('huyen.bacha', 'GET', '/sessions');
      expect(district.status).toBe(200);
      expect(district.body.every((s: { level: string; areaCode: string }) => s.level === 'district' && s.areaCode === 'bac-ha')).toBe(true);
    });

    it('filters: a closed-only list does not hold the open session; a bad filter is a 400', async () => {
      const closed = await requestAs('hoidong.1', 'GET', '/sessions?status=closed');
      expect(closed.status).toBe(200);
      expect(closed.body.map((s: { id: string }) => s.id)).not.toContain(session.id);
      const bad = await requestAs('hoidong.1', 'GET', '/sessions?level=commune');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'level' })]));
    });

    it('hides the session from a council member outside it (403) and from producers and labs; unknown ids are 404, never 5xx', async () => {
      expect((await requestAs('hoidong.5', 'GET', `/sessions/${session.id}`)).status).toBe(403);
      expect((await requestAs('hoidong.5', 'GET', `/sessions/${session.id}/products`)).status).toBe(403);
      expect((await requestAs('htx.bacha', 'GET', '/sessions')).status).toBe(403);
      expect((await requestAs('lab.laocai', 'GET', `/sessions/${session.id}`)).status).toBe(403);
      expect((await requestAs('admin', 'GET', `/sessions/${randomUUID()}`)).status).toBe(404);
      expect((await requestAs('admin', 'GET', '/sessions/not-a-uuid')).status).toBe(404);
    });

    it('lists the entered products for a member (none yet)', async () => {
      const products = await requestAs('hoidong.3', 'GET', `/sessions/${session.id}/products`);
      expect(products.status).toBe(200);
      expect(products.body).toEqual([]);
    });
  });

  describe('POST /sessions/:id/scorecards', () => {
    const card = { productId: randomUUID(), parts: { A: 30, B: 20, C: 25 } };

    it('refuses a council member who does not sit on the session: 403', async () => {
      const response = await requestAs('hoidong.5', 'POST', `/sessions/${session.id}/scorecards`, { body: card });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'ACCESS_DENIED' });
    });

    it('refuses a coordinator (only council members score) and an admin, who is not on the council', async () => {
      expect((await requestAs('tinh.laocai', 'POST', `/sessions/${session.id}/scorecards`, { body: card })).status).toBe(403);
      const admin = await requestAs('admin', 'POST', `/sessions/${session.id}/scorecards`, { body: card });
      expect(admin.status).toBe(403);
      expect(admin.body).toMatchObject({ code: 'NOT_A_MEMBER' });
    });

    it.each([
      ['a part that is not a number', { ...card, parts: { A: 'ba mươi', B: 20, C: 25 } }, 'parts.A'],
      ['a missing part', { ...card, parts: { A: 30, B: 20 } }, 'parts.C'],
      ['a negative part', { ...card, parts: { A: 30, B: -1, C: 25 } }, 'parts.B'],
      ['an unknown part', { ...card, parts: { A: 30, B: 20, C: 25, D: 5 } }, 'parts.D'],
      ['no parts', { productId: card.productId }, 'parts'],
      ['a product id that is not a UUID', { ...card, productId: 'san-pham-1' }, 'productId'],
    ])('refuses %s: 400 naming the field', async (_, body, field) => {
      const response = await requestAs('hoidong.2', 'POST', `/sessions/${session.id}/scorecards`, { body });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: expect.arrayContaining([expect.objectContaining({ field, rule: expect.any(String) })]),
      });
    });

    it('refuses a product not entered in the session: the workflow’s coded refusal, 400 naming productId', async () => {
      const response = await requestAs('hoidong.2', 'POST', `/sessions/${session.id}/scorecards`, { body: card });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'productId' } });
    });
  });

  describe('POST /sessions/:id/products and /close', () => {
    it('refuses a product the session’s cycle does not know: 404', async () => {
      const response = await requestAs('tinh.laocai', 'POST', `/sessions/${session.id}/products`, { body: { productId: randomUUID() } });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    });

    it('refuses entries from a district coordinator and a council member: 403', async () => {
      expect(
        (await requestAs('huyen.bacha', 'POST', `/sessions/${session.id}/products`, { body: { productId: randomUUID() } })).status,
      ).toBe(403);
      expect((await requestAs('hoidong.1', 'POST', `/sessions/${session.id}/products`, { body: { productId: randomUUID() } })).status).toBe(
        403,
      );
    });

    it('refuses to close without a quorum: 409 NO_QUORUM, and the session stays open', async () => {
      const response = await requestAs('hoidong.1', 'POST', `/sessions/${session.id}/close`, {
        body: { presentMemberIds: [idOf('hoidong.1'), idOf('hoidong.2')] },
      });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'NO_QUORUM',
        message: { vi: expect.any(String), en: expect.any(String) },
        details: { required: 3, present: 2, chairPresent: true },
      });
      const byCoordinator = await requestAs('tinh.laocai', 'POST', `/sessions/${session.id}/close`, {
        body: { presentMemberIds: [idOf('hoidong.2'), idOf('hoidong.3'), idOf('hoidong.4')] },
      });
      expect(byCoordinator.status).toBe(409);
      expect(byCoordinator.body).toMatchObject({ code: 'NO_QUORUM', details: { chairPresent: false } });
      expect((await requestAs('hoidong.1', 'GET', `/sessions/${session.id}`)).body).toMatchObject({
        status: 'open',
        live: { status: 'open' },
      });
    });

    it('refuses a member who is not the chair: 403 WRONG_ACTOR; a bad body: 400', async () => {
      const notChair = await requestAs('hoidong.2', 'POST', `/sessions/${session.id}/close`, {
        body: { presentMemberIds: sessionBody().memberIds },
      });
      expect(notChair.status).toBe(403);
      expect(notChair.body).toMatchObject({ code: 'WRONG_ACTOR' });
      const bad = await requestAs('hoidong.1', 'POST', `/sessions/${session.id}/close`, { body: { presentMemberIds: ['hoidong.2'] } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'presentMemberIds' })]));
    });
  });

  describe('scoring a product at the provincial session', () => {
    // A handicraft (no lab test) brought to the provincial council of next year's cycle (QĐ 1489: commune check, then province).
    let productId: string;
    let scoring: { id: string };
    const council = ['hoidong.1', 'hoidong.2', 'hoidong.3', 'hoidong.4'];
    beforeAll(async () => {
      const product = await throughCommuneCheck('thu-cong-my-nghe', 'Khăn thổ cẩm Bắc Hà');
      expect(product.stage).toBe('awaiting_province_session');
      productId = product.id;
      scoring = ok(await requestAs('tinh.laocai', 'POST', '/sessions', { body: sessionBody({ sessionDate: inDays(10) }) }), 201);
    });

    it('enters the product (coordinator of the area); entering it twice is WRONG_STAGE', async () => {
      const state = ok(await requestAs('tinh.laocai', 'POST', `/sessions/${scoring.id}/products`, { body: { productId } }));
      expect(state.products).toEqual([expect.objectContaining({ productId, workflowId: `product:${productId}:${YEAR}` })]);
      const again = await requestAs('tinh.laocai', 'POST', `/sessions/${scoring.id}/products`, { body: { productId } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('WRONG_STAGE');
    });

    it('shows members what they need to score: the product, its producer and dossier', async () => {
      const [product] = ok(await requestAs('hoidong.3', 'GET', `/sessions/${scoring.id}/products`));
      expect(product).toMatchObject({
        productId,
        productGroup: 'thu-cong-my-nghe',
        districtCode: 'bac-ha',
        organisationName: 'HTX Nông nghiệp Bắc Hà',
        dossier: { selfAssessment: { A: 30, B: 18, C: 26 }, evidence: ['https://files.example.vn/ho-so.pdf'] },
        scorecards: [],
      });
    });

    it('refuses a scorecard before the session’s day: 409 SESSION_NOT_STARTED, both languages, nothing recorded', async () => {
      const early = await requestAs('hoidong.1', 'POST', `/sessions/${scoring.id}/scorecards`, {
        body: { productId, parts: { A: 30, B: 18, C: 26 } },
      });
      if (early.status !== 409) return; // the session's compressed day had already begun (a slow machine): nothing to refuse
      expect(early.body).toMatchObject({
        code: 'SESSION_NOT_STARTED',
        message: { vi: expect.any(String), en: expect.any(String) },
        details: { field: 'sessionDate', scoringOpensAt: expect.any(String) },
      });
      const live = ok(await requestAs('hoidong.1', 'GET', `/sessions/${scoring.id}`)).live;
      expect(live.scorecards).toEqual([]);
      expect(Date.parse(live.scoringOpensAt)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('scores: a total over 10 points from the others is flagged; a revision clears it; a part over its maximum is refused', async () => {
      await untilScoringOpens(scoring.id);
      const totals = {
        'hoidong.1': { A: 30, B: 18, C: 26 },
        'hoidong.2': { A: 31, B: 18, C: 26 },
        'hoidong.3': { A: 29, B: 18, C: 26 },
      } as const;
      for (const [member, parts] of Object.entries(totals)) {
        const result = ok(await requestAs(member, 'POST', `/sessions/${scoring.id}/scorecards`, { body: { productId, parts } }));
        expect(result.spread).toMatchObject({ exceeded: false, mustRevise: false });
      }
      const outlier = ok(
        await requestAs('hoidong.4', 'POST', `/sessions/${scoring.id}/scorecards`, { body: { productId, parts: { A: 15, B: 10, C: 20 } } }),
      );
      expect(outlier.scorecard).toMatchObject({ memberId: idOf('hoidong.4'), total: 45, revision: 1 });
      expect(outlier.spread).toMatchObject({
        total: 45,
        others: 3,
        largestDifference: 30,
        maxSpreadPoints: 10,
        exceeded: true,
        mustRevise: true,
      });

      const tooMuch = await requestAs('hoidong.4', 'POST', `/sessions/${scoring.id}/scorecards`, {
        body: { productId, parts: { A: 41, B: 18, C: 26 } },
      });
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body).toMatchObject({ code: 'SCORE_OUT_OF_RANGE', details: { field: 'parts.A', max: 40 } });

      const spreadClose = await requestAs('hoidong.1', 'POST', `/sessions/${scoring.id}/close`, {
        body: { presentMemberIds: council.map(idOf) },
      });
      expect(spreadClose.status).toBe(409);
      expect(spreadClose.body.code).toBe('SPREAD_EXCEEDED');

      const revised = ok(
        await requestAs('hoidong.4', 'POST', `/sessions/${scoring.id}/scorecards`, { body: { productId, parts: { A: 28, B: 17, C: 25 } } }),
      );
      expect(revised.scorecard).toMatchObject({ total: 70, revision: 2 });
      expect(revised.spread).toMatchObject({ exceeded: false, mustRevise: false });
    });

    it('closes with a quorum (the chair among them): the product is scored', async () => {
      const closed = ok(
        await requestAs('hoidong.1', 'POST', `/sessions/${scoring.id}/close`, { body: { presentMemberIds: council.map(idOf) } }),
      );
      expect(closed.status).toBe('closed');
      expect(closed.results).toEqual([expect.objectContaining({ productId, outcome: 'scored', mean: 73, stars: 4 })]);
      const late = await requestAs('hoidong.2', 'POST', `/sessions/${scoring.id}/scorecards`, {
        body: { productId, parts: { A: 30, B: 18, C: 26 } },
      });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('SESSION_CLOSED');
    });
  });

  describe('lab requests', () => {
    it('lists a lab’s requests (200, an array of requests addressed to its agency); other roles get 403', async () => {
      const list = await requestAs('lab.laocai', 'GET', '/lab-requests');
      expect(list.status).toBe(200);
      expect(Array.isArray(list.body)).toBe(true);
      expect(list.body.every((r: { labId: string }) => r.labId === 'lab:lao-cai')).toBe(true);
      expect((await requestAs('lab.laocai', 'GET', '/lab-requests?status=requested')).status).toBe(200);
      expect((await requestAs('admin', 'GET', '/lab-requests')).status).toBe(200);
      for (const username of ['huyen.bacha', 'hoidong.1', 'htx.bacha', 'kiemtra.laocai']) {
        const denied = await requestAs(username, 'GET', '/lab-requests');
        expect(denied.status).toBe(403);
        expect(denied.body).toMatchObject({ code: 'ACCESS_DENIED' });
      }
    });

    it('takes a lab’s results for a request addressed to it: the journey moves on; results again are WRONG_STAGE', async () => {
      const product = await throughCommuneCheck('do-uong', 'Rượu mận Bắc Hà');
      // The check's answer is the journey as its update left it (waiting for the next level); its main loop then asks
      // the lab, since drinks are tested before the province — in the same workflow task or the next one.
      expect(['awaiting_province_session', 'awaiting_lab_test']).toContain(product.stage);
      let labRequest: any;
      for (const deadline = Date.now() + 10_000; !labRequest && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
        const requested = ok(await requestAs('lab.laocai', 'GET', '/lab-requests?status=requested'));
        labRequest = requested.find((r: { productId: string }) => r.productId === product.id);
      }
      expect(labRequest).toMatchObject({
        requestId: `product:${product.id}:${YEAR}:lab:1`,
        labId: 'lab:lao-cai',
        attempt: 1,
        status: 'requested',
        productGroup: 'do-uong',
        districtCode: 'bac-ha',
      });
      const path = `/lab-requests/${encodeURIComponent(labRequest.requestId)}`;
      expect(ok(await requestAs('lab.laocai', 'GET', path))).toEqual(labRequest);
      expect((await requestAs('huyen.bacha', 'GET', path)).status).toBe(403);

      const bad = await requestAs('lab.laocai', 'POST', `${path}/results`, {
        body: { indicators: [{ indicator: 'E. coli', passed: 'yes' }] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'indicators.0.passed', rule: 'isBoolean' })]),
      );
      const nul = await requestAs('lab.laocai', 'POST', `${path}/results`, {
        body: { indicators: [{ indicator: 'E. coli\u0000', passed: true }] },
      });
      expect(nul.status).toBe(400);
      expect(nul.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'indicators.0.indicator', rule: 'matches' })]),
      );
      const empty = await requestAs('lab.laocai', 'POST', `${path}/results`, { body: { indicators: [] } });
      expect(empty.status).toBe(400);
      expect(empty.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'indicators', rule: 'arrayMinSize' })]));

      const indicators = [
        { indicator: 'E. coli', value: '< 3 MPN/g', passed: true },
        { indicator: 'Methanol', passed: true },
      ];
      const key = `lab-${randomUUID()}`;
      const passed = ok(
        await requestAs('lab.laocai', 'POST', `${path}/results`, { body: { indicators }, headers: { 'Idempotency-Key': key } }),
      );
      expect(passed).toMatchObject({
        request: { requestId: labRequest.requestId, status: 'passed', results: indicators, decidedAt: expect.any(String) },
        productStage: expect.any(String),
      });
      expect(passed.retest).toBeUndefined();
      // The journey forwards the product to the provincial council once the results are recorded.
      let stage = passed.productStage;
      for (
        const deadline = Date.now() + 10_000;
        stage !== 'awaiting_province_session' && Date.now() < deadline;
        await new Promise((r) => setTimeout(r, 100))
      ) {
        stage = ok(await requestAs('htx.bacha', 'GET', `/products/${product.id}`)).stage;
      }
      expect(stage).toBe('awaiting_province_session');
      const replayed = await requestAs('lab.laocai', 'POST', `${path}/results`, {
        body: { indicators },
        headers: { 'Idempotency-Key': key },
      });
      expect(replayed.status).toBe(200);
      expect(replayed.body).toEqual(passed);
      const again = await requestAs('lab.laocai', 'POST', `${path}/results`, { body: { indicators } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('WRONG_STAGE');
    });

    it('answers 400 for a bad status filter and 404 for an unknown request', async () => {
      expect((await requestAs('lab.laocai', 'GET', '/lab-requests?status=done')).status).toBe(400);
      expect((await requestAs('lab.laocai', 'GET', '/lab-requests/khong-co')).status).toBe(404);
      const results = await requestAs(
        'lab.laocai',
        'POST',
        `/lab-requests/${encodeURIComponent(`product:${randomUUID()}:${YEAR}:lab:1`)}/results`,
        {
          body: { indicators: [{ indicator: 'E. coli', passed: true }] },
        },
      );
      expect(results.status).toBe(404);
    });
  });

  describe('inspections', () => {
    it('lists an inspector’s inspections (200, its agency’s); others get 403', async () => {
      const list = await requestAs('kiemtra.laocai', 'GET', '/inspections');
      expect(list.status).toBe(200);
      expect(Array.isArray(list.body)).toBe(true);
      expect(list.body.every((i: { inspectorId: string | null }) => i.inspectorId === 'inspector:lao-cai')).toBe(true);
      expect((await requestAs('kiemtra.laocai', 'GET', '/inspections?status=requested')).status).toBe(200);
      expect((await requestAs('admin', 'GET', '/inspections')).status).toBe(200);
      expect((await requestAs('lab.laocai', 'GET', '/inspections')).status).toBe(403);
      expect((await requestAs('huyen.bacha', 'GET', '/inspections')).status).toBe(403);
    });

    it('answers 404 for a report on an unknown certificate and 400 for a bad verdict', async () => {
      expect((await requestAs('kiemtra.laocai', 'POST', '/inspections/LC-1999-9999/report', { body: { verdict: 'pass' } })).status).toBe(
        404,
      );
      const bad = await requestAs('kiemtra.laocai', 'GET', '/inspections?status=unknown');
      expect(bad.status).toBe(400);
    });
  });
});
