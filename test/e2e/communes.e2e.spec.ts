import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, requestAs } from './http';
import {
  attachRequiredDocuments,
  BAO_NHAI_ORG,
  createSession,
  enterProduct,
  scoreAndClose,
  ensureCompressedCycle,
  ensureNewLaoCaiCycle,
  NEW_LAO_CAI,
  NEW_LAO_CAI_YEAR,
  ok,
  toDossier,
  until,
  userIdOf,
} from './flows';

// The 2025 map over HTTP: a QĐ 1489 cycle of the new Lào Cai (GSO 15) whose commune officers check their communes'
// dossiers, organisations placed in communes (checked against their province), and a product certified under the
// old map in Huyện Bắc Hà re-evaluated in its new commune, Xã Bảo Nhai, with its whole history in its timeline.
// Years no other suite uses: the new Lào Cai's cycle of next year (its own province), Lào Cai (2021 plan) 2023 under QĐ 148.
const YEAR = NEW_LAO_CAI_YEAR;
const OLD_MAP_YEAR = 2023;
const BAO_NHAI = '02890';
const BAC_HA_DISTRICT = '085';
const SON_LA_COMMUNE = '03646'; // Phường Tô Hiệu, Sơn La (14)

describe('a QĐ 1489 cycle in the new Lào Cai: commune officers check their communes’ dossiers', () => {
  let product: { id: string; stage: string };
  beforeAll(async () => {
    await ensureNewLaoCaiCycle();
    product = await toDossier('htx.baonhai', BAO_NHAI_ORG, 'tinh.laocai15');
  });

  it('places the product in its organisation’s commune, waiting for the commune’s check', async () => {
    expect(product.stage).toBe('awaiting_commune_check');
    const detail = ok(await requestAs('xa.baonhai', 'GET', `/products/${product.id}`));
    expect(detail).toMatchObject({ province: NEW_LAO_CAI, district: BAC_HA_DISTRICT, commune: BAO_NHAI, ruleSet: 'QD1489-2025' });
  });

  it('shows the commune officer its commune’s queue, and another commune’s officer nothing of it', async () => {
    const queue = ok(await requestAs('xa.baonhai', 'GET', `/products?stage=awaiting_commune_check&cycleYear=${YEAR}&limit=200`));
    expect(queue.items.map((p: { id: string }) => p.id)).toContain(product.id);
    expect(queue.items.every((p: { commune?: string }) => p.commune === BAO_NHAI)).toBe(true);
    const other = ok(await requestAs('xa.bacha', 'GET', `/products?stage=awaiting_commune_check&cycleYear=${YEAR}&limit=200`));
    expect(other.items.map((p: { id: string }) => p.id)).not.toContain(product.id);
  });

  it('refuses the check to another commune’s officer (403) and to the old district’s coordinator (403), changing nothing', async () => {
    const stranger = await requestAs('xa.bacha', 'POST', `/products/${product.id}/dossier-check`, { body: { passed: true } });
    expect({ status: stranger.status, code: stranger.body.code }).toEqual({ status: 403, code: 'ACCESS_DENIED' });
    const district = await requestAs('huyen.bacha', 'POST', `/products/${product.id}/dossier-check`, { body: { passed: true } });
    expect(district.status).toBe(403);
    expect(ok(await requestAs('xa.baonhai', 'GET', `/products/${product.id}`)).stage).toBe('awaiting_commune_check');
  });

  it('the commune officer checks the dossier: the product goes on to the province, the timeline names the officer', async () => {
    const checked = ok(await requestAs('xa.baonhai', 'POST', `/products/${product.id}/dossier-check`, { body: { passed: true } }));
    expect(checked.stage).toBe('awaiting_province_session');
    const timeline = ok(await requestAs('xa.baonhai', 'GET', `/products/${product.id}/timeline`));
    const check = timeline.events.find((e: { type: string }) => e.type === 'CommuneChecked');
    expect(check).toMatchObject({
      payload: { passed: true },
      actor: { role: 'commune_officer', userId: await userIdOf('xa.baonhai'), name: 'UBND xã Bảo Nhai — cán bộ OCOP' },
    });
    const idea = timeline.events.find((e: { type: string }) => e.type === 'IdeaSubmitted');
    expect(idea.payload).toMatchObject({ communeCode: BAO_NHAI, provinceCode: NEW_LAO_CAI });
  });

  it('groups the cycle’s progress by commune', async () => {
    const progress = ok(await requestAs('tinh.laocai15', 'GET', `/cycles/${NEW_LAO_CAI}/${YEAR}/progress`));
    expect(progress.areaLevel).toBe('commune');
    const baoNhai = progress.byArea.find((a: { code: string }) => a.code === BAO_NHAI);
    expect(baoNhai).toMatchObject({ level: 'commune', name: 'Xã Bảo Nhai' });
    expect(baoNhai.products).toBeGreaterThanOrEqual(1);
    expect(baoNhai.byStage.awaiting_province_session).toBeGreaterThanOrEqual(1);
  });

  it('a province coordinator of another province may not check it (403)', async () => {
    const sonLa = await requestAs('tinh.sonla', 'POST', `/products/${product.id}/dossier-check`, { body: { passed: true } });
    expect(sonLa.status).toBe(403);
  });
});

describe('organisations carry their commune', () => {
  it('takes the commune given, or the one an old address converts to (keeping the old commune and district)', async () => {
    const named = ok(
      await requestAs('tinh.laocai15', 'POST', '/organisations', {
        body: {
          name: `HTX Xã Bắc Hà ${randomUUID().slice(0, 6)}`,
          producerType: 'htx',
          districtCode: BAC_HA_DISTRICT,
          communeCode: '02839',
        },
      }),
      201,
    );
    expect(named).toMatchObject({ provinceCode: NEW_LAO_CAI, communeCode: '02839', communeName: 'Xã Bắc Hà', legacyDistrictCode: null });
    const converted = ok(
      await requestAs('tinh.laocai', 'POST', '/organisations', {
        body: {
          name: `HTX Bảo Nhai cũ ${randomUUID().slice(0, 6)}`,
          producerType: 'htx',
          districtCode: 'bac-ha',
          address: 'Thôn Na Pắc, Xã Bảo Nhai, Huyện Bắc Hà, Tỉnh Lào Cai',
        },
      }),
      201,
    );
    expect(converted).toMatchObject({
      provinceCode: 'lao-cai',
      districtCode: 'bac-ha',
      communeCode: BAO_NHAI,
      legacyCommuneCode: BAO_NHAI,
      legacyDistrictCode: BAC_HA_DISTRICT,
    });
  });

  it('refuses a commune of another province: 400 naming communeCode, nothing registered or changed', async () => {
    const name = `HTX Sai xã ${randomUUID().slice(0, 6)}`;
    const refused = await requestAs('tinh.laocai15', 'POST', '/organisations', {
      body: { name, producerType: 'htx', districtCode: BAC_HA_DISTRICT, communeCode: SON_LA_COMMUNE },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'communeCode', rule: 'inProvince' })]);
    const listed = ok(await requestAs('tinh.laocai15', 'GET', `/organisations?q=${encodeURIComponent(name)}`));
    expect(listed.total).toBe(0);

    const malformed = await requestAs('tinh.laocai15', 'PATCH', `/organisations/${BAO_NHAI_ORG}`, { body: { communeCode: 'x' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'communeCode' })]);
    const foreign = await requestAs('tinh.laocai15', 'PATCH', `/organisations/${BAO_NHAI_ORG}`, {
      body: { communeCode: SON_LA_COMMUNE, contactPhone: '0214 3880 999' },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'communeCode', rule: 'inProvince' })]);
    const after = ok(await requestAs('tinh.laocai15', 'GET', `/organisations/${BAO_NHAI_ORG}`));
    expect(after).toMatchObject({ communeCode: BAO_NHAI, legacyDistrictCode: BAC_HA_DISTRICT });
    expect(after.contactPhone).not.toBe('0214 3880 999');
  });

  it('moves an organisation to another commune of its province (OrganisationPlaced), once for a retried request', async () => {
    const created = ok(
      await requestAs('tinh.laocai15', 'POST', '/organisations', {
        body: {
          name: `HTX Chuyển xã ${randomUUID().slice(0, 6)}`,
          producerType: 'htx',
          districtCode: BAC_HA_DISTRICT,
          communeCode: BAO_NHAI,
        },
      }),
      201,
    );
    for (let i = 0; i < 2; i++) {
      const moved = ok(await requestAs('tinh.laocai15', 'PATCH', `/organisations/${created.id}`, { body: { communeCode: '02839' } }));
      expect(moved).toMatchObject({ communeCode: '02839', communeName: 'Xã Bắc Hà' });
    }
    // The officer of its new commune sees it; the old commune's no longer does.
    // Its producer may not move it (the commune decides who checks its dossiers).
    const own = await requestAs('htx.baonhai', 'PATCH', `/organisations/${BAO_NHAI_ORG}`, { body: { communeCode: '02839' } });
    expect({ status: own.status, field: own.body.details?.field }).toEqual({ status: 403, field: 'communeCode' });
    const seen = async (officer: string) =>
      ok(await requestAs(officer, 'GET', '/organisations?limit=500')).items.some((o: { id: string }) => o.id === created.id);
    expect([await seen('xa.bacha'), await seen('xa.baonhai')]).toEqual([true, false]);
  });
});

describe('a product certified under the old map in Huyện Bắc Hà, re-evaluated in its new commune', () => {
  const producer = `htx.baonhai.${randomUUID().slice(0, 6)}`;
  let organisationId: string;
  let productId: string;
  let certificateNo: string;

  beforeAll(async () => {
    // Registered in Bắc Hà (Lào Cai, 2021 plan) with its old address: its commune on the 2025 map is Xã Bảo Nhai.
    const organisation = ok(
      await requestAs('huyen.bacha', 'POST', '/organisations', {
        body: {
          name: `HTX Mận cũ Bắc Hà ${randomUUID().slice(0, 6)}`,
          producerType: 'htx',
          districtCode: 'bac-ha',
          address: 'Xã Bảo Nhai, Huyện Bắc Hà, Tỉnh Lào Cai',
        },
      }),
      201,
    );
    organisationId = organisation.id;
    ok(
      await requestAs('admin', 'POST', '/users', {
        body: { username: producer, displayName: organisation.name, password: DEMO_PASSWORD, role: 'producer', organisationId },
      }),
      201,
    );
    // Certified 3★ by Bắc Hà's district council in a QĐ 148 cycle of 2023 (the old map: a district cycle).
    await ensureCompressedCycle(OLD_MAP_YEAR, 'QD148-2023');
    const idea = ok(
      await requestAs(producer, 'POST', '/products', {
        body: { organisationId, name: 'Mận tam hoa sấy Bắc Hà', productGroup: 'thu-cong-my-nghe', cycleYear: OLD_MAP_YEAR },
      }),
      201,
    );
    productId = idea.id;
    expect(idea).toMatchObject({ province: 'lao-cai', district: 'bac-ha' });
    expect(idea.commune).toBeUndefined();
    ok(await requestAs('huyen.bacha', 'POST', `/products/${productId}/review`, { body: { decision: 'accept' } }));
    ok(await requestAs(producer, 'POST', `/products/${productId}/business-plan`, { body: { summary: 'Sấy mận theo mùa' } }));
    await attachRequiredDocuments(productId, producer);
    ok(
      await requestAs(producer, 'POST', `/products/${productId}/dossier`, {
        body: { selfAssessment: { A: 22, B: 15, C: 23 }, evidence: ['x'] },
      }),
    );
    const sessionId = await createSession('huyen.bacha', 'district', 'bac-ha', OLD_MAP_YEAR);
    await enterProduct('huyen.bacha', sessionId, productId);
    await scoreAndClose(sessionId, [productId], 60);
    const certified = await until(
      async () => ok(await requestAs('huyen.bacha', 'GET', `/products/${productId}`)),
      (p) => p.stage === 'certified',
      'the 2023 certificate',
      90_000,
    );
    certificateNo = certified.certificateNo;
  }, 180_000);

  it('holds a certificate of the old map (Lào Cai, Bắc Hà, 3★)', async () => {
    expect(certificateNo).toMatch(/^LC-2023-\d{4}$/);
    const certificate = ok(await requestAs('huyen.bacha', 'GET', `/certificates/${certificateNo}`));
    expect(certificate).toMatchObject({ stars: 3, districtCode: 'bac-ha' });
  });

  it('is re-evaluated in the new Lào Cai under its commune, checked by Xã Bảo Nhai’s officer, keeping its id', async () => {
    await ensureNewLaoCaiCycle();
    const product = await toDossier(producer, organisationId, 'tinh.laocai15', { previousCertificateNo: certificateNo });
    expect(product.id).toBe(productId);
    expect(product.stage).toBe('awaiting_commune_check');
    const detail = ok(await requestAs('xa.baonhai', 'GET', `/products/${productId}`));
    expect(detail).toMatchObject({
      cycleYear: YEAR,
      province: NEW_LAO_CAI,
      district: BAC_HA_DISTRICT,
      commune: BAO_NHAI,
      previousCertificateNo: certificateNo,
    });
    ok(await requestAs('xa.baonhai', 'POST', `/products/${productId}/dossier-check`, { body: { passed: true } }));
  });

  it('shows its whole history in the timeline: the old map’s cycle and certificate, then the commune’s check', async () => {
    const timeline = ok(await requestAs('xa.baonhai', 'GET', `/products/${productId}/timeline`));
    expect(timeline.cycleYear).toBe(YEAR);
    expect(timeline.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['IdeaSubmitted', 'DossierSubmitted', 'CommuneChecked']),
    );
    expect(timeline.otherCycles).toHaveLength(1);
    const [earlier] = timeline.otherCycles;
    expect(earlier).toMatchObject({ cycleYear: OLD_MAP_YEAR, province: 'lao-cai', workflowId: `product:${productId}:${OLD_MAP_YEAR}` });
    const types = earlier.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['IdeaSubmitted', 'ScorecardSubmitted', 'DistrictScored', 'CertificateIssued']));
    expect(earlier.events.find((e: { type: string }) => e.type === 'CertificateIssued').payload).toMatchObject({ certificateNo, stars: 3 });
    expect(earlier.events.map((e: { seq: number }) => e.seq)).toEqual(earlier.events.map((_: unknown, i: number) => i + 1));
    // The old cycle alone, as before.
    const old = ok(await requestAs('tinh.laocai15', 'GET', `/products/${productId}/timeline?cycleYear=${OLD_MAP_YEAR}`));
    expect(old.otherCycles.map((c: { cycleYear: number }) => c.cycleYear)).toEqual([YEAR]);
  });

  it('refuses a re-evaluation of another organisation’s certificate (400 naming previousCertificateNo)', async () => {
    const refused = await requestAs('htx.baonhai', 'POST', '/products', {
      body: {
        organisationId: BAO_NHAI_ORG,
        name: 'Mận của người khác',
        productGroup: 'thu-cong-my-nghe',
        cycleYear: YEAR,
        previousCertificateNo: certificateNo,
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'previousCertificateNo' })]);
    const unknown = await requestAs('htx.baonhai', 'POST', '/products', {
      body: {
        organisationId: BAO_NHAI_ORG,
        name: 'Mận không số',
        productGroup: 'thu-cong-my-nghe',
        cycleYear: YEAR,
        previousCertificateNo: 'LC-2023-9999',
      },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('UNKNOWN_CERTIFICATE');
    expect(unknown.body.details).toMatchObject({ field: 'previousCertificateNo' });
  });
});
