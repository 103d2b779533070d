import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { attachRequiredDocuments, ensureTestCycle, untilScoringOpens } from './flows';
import { request, requestAs, type JsonResponse } from './http';

// One product from idea to certificate purely over HTTP, each actor logged in as itself (the seeded demo users),
// against the Temporal dev server, the built API and worker processes and PostgreSQL. The cycle compresses the
// rules' days to one second, so deadlines stay realistic in order while the test takes seconds.
const YEAR = new Date().getUTCFullYear(); // next year's cycle belongs to the products slice; ours is this year's
const DEMO_LAB_API_KEY = 'ocop_00000000000a_demo-lab-key-lao-cai-2021-not-secret';
const COUNCIL = ['hoidong.1', 'hoidong.2', 'hoidong.3', 'hoidong.4', 'hoidong.5'];

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const ok = <T>(response: JsonResponse<T>, status = 200): T => {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
};

/** A total split over parts A (max 35), B (max 25), C (max 40) in proportion. */
const parts = (total: number) => {
  const A = Math.round(total * 0.35 * 100) / 100;
  const B = Math.round(total * 0.25 * 100) / 100;
  return { A, B, C: Math.round((total - A - B) * 100) / 100 };
};

describe('a product from idea to certificate over HTTP, every actor as itself', () => {
  let db: DataSource;
  const userIds = new Map<string, string>();

  beforeAll(async () => {
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
    for (const username of ['htx.bacha', 'huyen.bacha', 'tinh.laocai', 'lab.laocai', ...COUNCIL]) {
      userIds.set(username, ok(await requestAs(username, 'GET', '/auth/me')).userId);
    }
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const productAs = (username: string, id: string) => requestAs(username, 'GET', `/products/${id}`);
  const stageOf = async (id: string) => ok(await productAs('htx.bacha', id));

  async function runSession(
    coordinator: string,
    level: 'district' | 'province',
    areaCode: string,
    productId: string,
    total: number,
  ): Promise<string> {
    const session = ok(
      await requestAs(coordinator, 'POST', '/sessions', {
        body: {
          level,
          areaCode,
          cycleYear: YEAR,
          sessionDate: new Date(Date.now() + 10 * 86_400_000).toISOString(),
          memberIds: COUNCIL.map((u) => userIds.get(u)),
          chairId: userIds.get('hoidong.1'),
        },
        headers: { 'Idempotency-Key': `session-${level}-${randomUUID()}` },
      }),
      201,
    );
    ok(await requestAs(coordinator, 'POST', `/sessions/${session.id}/products`, { body: { productId } }));
    await until(
      () => stageOf(productId),
      (p) => p.live?.sessionId === session.id,
      `the product to be entered in ${session.id}`,
    );
    await untilScoringOpens(session.id); // members score from the session's (compressed) day on
    // Each member scores from the session's product list, as the scoring screen does.
    for (const [i, member] of COUNCIL.entries()) {
      const entered = ok(await requestAs(member, 'GET', `/sessions/${session.id}/products`));
      expect(entered.map((p: { productId: string }) => p.productId)).toContain(productId);
      ok(
        await requestAs(member, 'POST', `/sessions/${session.id}/scorecards`, {
          body: { productId, parts: parts(total + [0, 1, -1, 2, -2][i]!) },
        }),
      );
    }
    ok(
      await requestAs('hoidong.1', 'POST', `/sessions/${session.id}/close`, {
        body: { presentMemberIds: COUNCIL.map((u) => userIds.get(u)) },
      }),
    );
    return session.id;
  }

  it('cycle → idea → review → plan → dossier → district council → lab → provincial council → certificate → public check', async () => {
    // This year's Lào Cai cycle (QĐ 1048, a rule "day" = 1 s), opened by the admin unless another suite did.
    await ensureTestCycle();

    // The producer submits the idea for its own organisation.
    const name = `Miến dong Bắc Hà ${randomUUID().slice(0, 6)}`;
    const created = ok(
      await requestAs('htx.bacha', 'POST', '/products', {
        body: {
          organisationId: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001',
          name,
          productGroup: 'thuc-pham',
          district: 'bac-ha',
          cycleYear: YEAR,
        },
        headers: { 'Idempotency-Key': `idea-${randomUUID()}` },
      }),
      201,
    );
    expect(created).toMatchObject({ ruleSet: 'QD1048-2019', stage: 'awaiting_idea_review' });
    const id: string = created.id;

    // The district coordinator accepts it; another district's coordinator may not even see it.
    expect((await productAs('huyen.batxat', id)).status).toBe(403);
    expect((await requestAs('huyen.batxat', 'POST', `/products/${id}/review`, { body: { decision: 'accept' } })).status).toBe(403);
    expect(ok(await requestAs('huyen.bacha', 'POST', `/products/${id}/review`, { body: { decision: 'accept' } })).stage).toBe(
      'business_plan_due',
    );

    // The producer sends the business plan and the dossier; a second dossier is the wrong stage.
    ok(await requestAs('htx.bacha', 'POST', `/products/${id}/business-plan`, { body: { summary: 'Mở rộng vùng dong riềng 15 ha' } }));
    const dossier = { selfAssessment: { A: 28, B: 18, C: 30 }, evidence: ['https://files.example.vn/ho-so.pdf'] };
    // Without the documents its checklist requires, the dossier is refused and the journey does not move.
    const incomplete = await requestAs('htx.bacha', 'POST', `/products/${id}/dossier`, { body: dossier });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body).toMatchObject({
      code: 'DOSSIER_INCOMPLETE',
      details: { missing: expect.arrayContaining([expect.objectContaining({ kind: 'business_registration' })]) },
    });
    expect((await productAs('htx.bacha', id)).body.stage).toBe('dossier_due');
    await attachRequiredDocuments(id);
    expect(ok(await requestAs('htx.bacha', 'POST', `/products/${id}/dossier`, { body: dossier })).stage).toBe('awaiting_district_session');
    const again = await requestAs('htx.bacha', 'POST', `/products/${id}/dossier`, { body: dossier });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'WRONG_STAGE', message: { vi: expect.any(String), en: expect.any(String) } });

    // District council: 74 → forwarded; food needs the lab before the province.
    await runSession('huyen.bacha', 'district', 'bac-ha', id, 74);
    const atLab = await until(
      () => stageOf(id),
      (p) => p.stage === 'awaiting_lab_test',
      'the lab test request',
    );
    expect(atLab.live.results[0]).toMatchObject({ level: 'district', outcome: 'forwarded' });

    // The lab sees the request addressed to it and answers with its API key (an agency integration).
    const requests = await until(
      async () => ok(await request('GET', '/lab-requests', { headers: { 'x-api-key': DEMO_LAB_API_KEY } })),
      (list: { requestId: string; productId: string; status: string }[]) =>
        list.some((r) => r.productId === id && r.status === 'requested'),
      'the lab request in the lab’s list',
    );
    const labRequest = requests.find((r) => r.productId === id)!;
    ok(
      await request('POST', `/lab-requests/${labRequest.requestId}/results`, {
        headers: { 'x-api-key': DEMO_LAB_API_KEY },
        body: {
          indicators: [
            { indicator: 'E. coli', passed: true },
            { indicator: 'Chì (Pb)', value: '0.02 mg/kg', passed: true },
          ],
        },
      }),
    );
    await until(
      () => stageOf(id),
      (p) => p.stage === 'awaiting_province_session',
      'the provincial session stage',
    );

    // Provincial council: 78 → 4 stars, certified.
    await runSession('tinh.laocai', 'province', 'lao-cai', id, 78);
    const certified = await until(
      () => stageOf(id),
      (p) => p.stage === 'certified' && !!p.certificateNo,
      'the certificate',
    );
    expect(certified).toMatchObject({ stars: 4, certificateNo: expect.stringMatching(/^LC-\d{4}-\d{4}$/) });

    // The timeline holds every step, in order, each with the user who took it.
    const timeline = ok(await requestAs('htx.bacha', 'GET', `/products/${id}/timeline`));
    const seqs = timeline.events.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const byType = (type: string) => timeline.events.find((e: { type: string }) => e.type === type);
    expect(byType('IdeaSubmitted').actor).toMatchObject({
      role: 'producer',
      userId: userIds.get('htx.bacha'),
      name: 'HTX Nông nghiệp Bắc Hà',
    });
    expect(byType('IdeaAccepted').actor).toMatchObject({ role: 'district_coordinator', userId: userIds.get('huyen.bacha') });
    expect(byType('BusinessPlanSubmitted').actor.userId).toBe(userIds.get('htx.bacha'));
    expect(byType('LabTestPassed').actor).toMatchObject({ role: 'lab', userId: userIds.get('lab.laocai') });
    expect(byType('CertificateIssued').payload).toMatchObject({ certificateNo: certified.certificateNo, stars: 4 });
    for (const event of timeline.events) expect(event.actor.label).toMatch(/^[a-z_]+:.+/);

    // Audit: every scorecard in the log names the council member who sent it.
    const scorecards: { actor: string }[] = await db.query(
      `SELECT actor FROM events WHERE type IN ('ScorecardSubmitted', 'ScorecardRevised') AND payload->>'productId' = $1`,
      [id],
    );
    expect(new Set(scorecards.map((s) => s.actor))).toEqual(
      new Set([...COUNCIL, ...COUNCIL].map((u) => `council_member:${userIds.get(u)}`)),
    );

    // What a shopper's phone sees from the QR code, with no login.
    const verified = ok(await request('GET', `/public/certificates/${certified.certificateNo}`));
    expect(verified).toMatchObject({ certificateNo: certified.certificateNo, productName: name, stars: 4, status: 'valid' });
    const page = await fetch(`${process.env.OCOP_E2E_API_URL}/verify/${certified.certificateNo}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(name);

    // The producer's inbox has the certificate notice (delivered by the worker's dispatcher).
    await until(
      async () => ok(await requestAs('htx.bacha', 'GET', '/notifications')),
      (inbox: { messageId: string }[]) => inbox.some((m) => m.messageId.includes(`certificate-issued:${certified.certificateNo}`)),
      'the certificate notice in the producer’s inbox',
    );

    // The province's progress counts it.
    const progress = ok(await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/${YEAR}/progress`));
    expect(JSON.stringify(progress)).toContain('certified');
  });
});
