import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SessionCandidates } from '@ocop/persistence';
import { openTestDatabase } from '../support/database';
import {
  attachRequiredDocuments,
  CYCLE_YEAR,
  DOSSIER,
  ensureSonLaCycle,
  ensureTestCycle,
  ok,
  parts,
  until,
  untilScoringOpens,
  userIdOf,
} from './flows';
import { requestAs } from './http';

// The central office over HTTP: two provinces (Lào Cai and Sơn La) each run their own cycle with their own
// coordinators, councils and producers; each province's council nominates a product (≥ 90 points: the province's 4★
// and a nomination); the nominees of both provinces wait in their own journeys, where the central office's national
// session finds them (nobody copies them anywhere); its council scores both, and each gets its 5★ certificate with its
// own province's number.

const SON_LA = '14';
const LAO_CAI_COUNCIL = ['hoidong.1', 'hoidong.2', 'hoidong.3', 'hoidong.4', 'hoidong.5'];
const SON_LA_COUNCIL = ['hoidong.sonla.1', 'hoidong.sonla.2', 'hoidong.sonla.3'];
const CENTRAL_COUNCIL = ['hoidong.1', 'hoidong.2', 'hoidong.sonla.1', 'hoidong.sonla.2', 'hoidong.5'];

interface Province {
  readonly code: string;
  readonly coordinator: string;
  readonly districtCoordinator: string;
  readonly producer: string;
  readonly organisationId: string;
  readonly district: string;
  readonly council: readonly string[];
  readonly prefix: RegExp;
}
const LAO_CAI: Province = {
  code: 'lao-cai',
  coordinator: 'tinh.laocai',
  districtCoordinator: 'huyen.bacha',
  producer: 'htx.bacha',
  organisationId: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001',
  district: 'bac-ha',
  council: LAO_CAI_COUNCIL,
  prefix: /^LC-\d{4}-\d{4}$/,
};
const SONLA: Province = {
  code: SON_LA,
  coordinator: 'tinh.sonla',
  districtCoordinator: 'huyen.mocchau',
  producer: 'htx.mocchau',
  organisationId: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1006',
  district: '123',
  council: SON_LA_COUNCIL,
  prefix: /^SL14-\d{4}-\d{4}$/,
};

const stageOf = async (id: string, as: string) => ok(await requestAs(as, 'GET', `/products/${id}`));
const waitFor = (id: string, as: string, done: (p: any) => boolean, what: string) => until(() => stageOf(id, as), done, what, 90_000);

/** A council session opened by `coordinator`, the product entered, every member scoring around `total`, closed by the chair. */
async function runSession(
  coordinator: string,
  body: Record<string, unknown>,
  council: readonly string[],
  productIds: readonly string[],
  total: number,
): Promise<string> {
  const memberIds = await Promise.all(council.map(userIdOf));
  const session = ok(
    await requestAs(coordinator, 'POST', '/sessions', {
      body: {
        ...body,
        cycleYear: CYCLE_YEAR,
        sessionDate: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        memberIds,
        chairId: memberIds[0],
      },
      headers: { 'Idempotency-Key': `session-${randomUUID()}` },
    }),
    201,
  );
  for (const productId of productIds) {
    ok(await requestAs(coordinator, 'POST', `/sessions/${session.id}/products`, { body: { productId } }));
  }
  await untilScoringOpens(session.id);
  for (const productId of productIds) {
    for (const [i, member] of council.entries()) {
      ok(
        await requestAs(member, 'POST', `/sessions/${session.id}/scorecards`, {
          body: { productId, parts: parts(total + [0, 1, -1, 0.5, -0.5][i]!) },
        }),
      );
    }
  }
  ok(await requestAs(council[0]!, 'POST', `/sessions/${session.id}/close`, { body: { presentMemberIds: memberIds } }));
  return session.id;
}

/** A product of the province through its district and provincial councils to a nomination for 5★. */
async function nominate(province: Province): Promise<string> {
  const created = ok(
    await requestAs(province.producer, 'POST', '/products', {
      body: {
        organisationId: province.organisationId,
        name: `Khăn thổ cẩm đề cử ${randomUUID().slice(0, 6)}`,
        productGroup: 'vai-may-mac', // no lab test: straight from the district to the province
        district: province.district,
        cycleYear: CYCLE_YEAR,
      },
      headers: { 'Idempotency-Key': `idea-${randomUUID()}` },
    }),
    201,
  );
  const id: string = created.id;
  ok(await requestAs(province.coordinator, 'POST', `/products/${id}/review`, { body: { decision: 'accept' } }));
  ok(await requestAs(province.producer, 'POST', `/products/${id}/business-plan`, { body: { summary: 'Mở rộng sản xuất' } }));
  await attachRequiredDocuments(id, province.producer);
  ok(await requestAs(province.producer, 'POST', `/products/${id}/dossier`, { body: DOSSIER }));
  await runSession(province.districtCoordinator, { level: 'district', areaCode: province.district }, province.council, [id], 80);
  await waitFor(id, province.coordinator, (p) => p.stage === 'awaiting_province_session', `${id} awaiting ${province.code}'s council`);
  await runSession(province.coordinator, { level: 'province', areaCode: province.code }, province.council, [id], 92);
  await waitFor(
    id,
    province.coordinator,
    (p) => p.stage === 'awaiting_central_session' && !!p.certificateNo,
    `${id} nominated, holding ${province.code}'s 4★`,
  );
  return id;
}

describe('the central office scores the nominees of two provinces', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
    await ensureTestCycle();
    await ensureSonLaCycle();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('a province opens its own cycle only; Sơn La’s cycle carries its own province', async () => {
    const refused = await requestAs('tinh.laocai', 'POST', '/cycles', {
      body: { provinceCode: SON_LA, year: CYCLE_YEAR, ruleSet: 'QD1048-2019' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'ACCESS_DENIED', details: { field: 'provinceCode' } });
    expect(ok(await requestAs('tinh.sonla', 'GET', `/cycles/${SON_LA}/${CYCLE_YEAR}`))).toMatchObject({ provinceCode: SON_LA });
    expect((await requestAs('tinh.sonla', 'GET', `/cycles/lao-cai/${CYCLE_YEAR}`)).status).toBe(403);
  });

  it('nominees of Lào Cai and Sơn La reach the national session and leave with 5★ certificates of their own provinces', async () => {
    const [laoCaiNominee, sonLaNominee] = await Promise.all([nominate(LAO_CAI), nominate(SONLA)]);
    const provincial = {
      [laoCaiNominee]: (await stageOf(laoCaiNominee, 'tinh.laocai')).certificateNo as string,
      [sonLaNominee]: (await stageOf(sonLaNominee, 'tinh.sonla')).certificateNo as string,
    };
    expect(provincial[laoCaiNominee]).toMatch(LAO_CAI.prefix);
    expect(provincial[sonLaNominee]).toMatch(SONLA.prefix);

    // Neither province sees the other's nominee; the central office sees both, in its national view.
    expect((await requestAs('tinh.laocai', 'GET', `/products/${sonLaNominee}`)).status).toBe(403);
    expect((await requestAs('tinh.sonla', 'GET', `/products/${laoCaiNominee}`)).status).toBe(403);
    const national = ok(await requestAs('trunguong', 'GET', `/national?year=${CYCLE_YEAR}`));
    expect(national.nominees.map((n: { productId: string }) => n.productId)).toEqual(expect.arrayContaining([laoCaiNominee, sonLaNominee]));
    expect(national.nominees.find((n: { productId: string }) => n.productId === sonLaNominee)).toMatchObject({
      provinceCode: SON_LA,
      provinceName: 'Tỉnh Sơn La',
    });

    // The central office opens the national session (no province: vn); a provincial coordinator may not.
    const memberIds = await Promise.all(CENTRAL_COUNCIL.map(userIdOf));
    const central = {
      level: 'central',
      areaCode: 'vn',
      cycleYear: CYCLE_YEAR,
      // The year's cycles all compress days (a rule day of a second): so does the national session.
      sessionDate: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      memberIds,
      chairId: memberIds[0],
    };
    expect((await requestAs('tinh.laocai', 'POST', '/sessions', { body: central })).status).toBe(403);
    const session = ok(
      await requestAs('trunguong', 'POST', '/sessions', { body: central, headers: { 'Idempotency-Key': `central-${randomUUID()}` } }),
      201,
    );
    expect(session).toMatchObject({
      level: 'central',
      areaCode: 'vn',
      provinceCode: 'vn',
      openedBy: expect.stringMatching(/^central_coordinator:/),
    });

    // Its candidates are read from the provinces' own journeys (the read model the session's auto-entry uses).
    const candidates = await new SessionCandidates(db).awaiting({
      level: 'central',
      areaCode: 'vn',
      provinceCode: 'vn',
      cycleYear: CYCLE_YEAR,
    });
    expect(candidates.map((c) => c.productId)).toEqual(expect.arrayContaining([laoCaiNominee, sonLaNominee]));

    // The central office puts both on the agenda; the council scores them; the chair closes.
    for (const productId of [laoCaiNominee, sonLaNominee]) {
      ok(await requestAs('trunguong', 'POST', `/sessions/${session.id}/products`, { body: { productId } }));
    }
    const agenda = ok(await requestAs('trunguong', 'GET', `/sessions/${session.id}/products`));
    await untilScoringOpens(session.id);
    expect(agenda.map((p: { productId: string }) => p.productId).sort()).toEqual([laoCaiNominee, sonLaNominee].sort());
    for (const productId of [laoCaiNominee, sonLaNominee]) {
      for (const [i, member] of CENTRAL_COUNCIL.entries()) {
        ok(
          await requestAs(member, 'POST', `/sessions/${session.id}/scorecards`, {
            body: { productId, parts: parts(93 + [0, 1, -1, 0.5, -0.5][i]!) },
          }),
        );
      }
    }
    ok(await requestAs('trunguong', 'POST', `/sessions/${session.id}/close`, { body: { presentMemberIds: memberIds } }));

    for (const [productId, province] of [
      [laoCaiNominee, LAO_CAI],
      [sonLaNominee, SONLA],
    ] as const) {
      const certified = await waitFor(
        productId,
        province.coordinator,
        (p) => p.stage === 'certified' && p.stars === 5 && p.certificateNo !== provincial[productId],
        `${productId}'s 5★ certificate`,
      );
      expect(certified.certificateNo).toMatch(province.prefix);
      const certificate = ok(await requestAs('trunguong', 'GET', `/certificates/${certified.certificateNo}`));
      expect(certificate).toMatchObject({ stars: 5, provinceCode: province.code });
    }
    // The national register shows each 5★ under its province.
    const sonLaRegister = ok(await requestAs('trunguong', 'GET', `/certificates?province=${SON_LA}&cycleYear=${CYCLE_YEAR}&stars=5`));
    expect(sonLaRegister.items.every((c: { certificateNo: string }) => SONLA.prefix.test(c.certificateNo))).toBe(true);
    expect(sonLaRegister.items.length).toBeGreaterThanOrEqual(1);
  });
});
