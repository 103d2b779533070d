// Cycles and their progress, organisations, certificates (with the public verification a shopper's phone opens) and
// the in-app inbox, over HTTP against the real API and worker processes, Temporal dev server and PostgreSQL. Other
// suites run at the same time on the same database: every assertion looks at this file's own rows.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { StoredEvent } from '@ocop/contracts';
import { certificateSchedule, defaultCycleCalendar, defaultRuleSetForYear } from '@ocop/domain';
import { demoUser, DEMO_USERS } from '@ocop/identity';
import { createProjections, EventRecorder, EventStore } from '@ocop/persistence';
import { openTestDatabase } from '../support/database';
import { TestCertificate, TestJourney } from '../support/event-streams';
import { request, requestAs } from './http';

const BAC_HA_COOPERATIVE = '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001'; // htx.bacha's organisation (demo data)
// The cycle a year ahead: the only future year a cycle may be opened for.
const NEXT_YEAR = new Date().getUTCFullYear() + 1;
// A certificate of a past cycle no other suite numbers (the scripted cycle uses 2021).
const CERTIFICATE_NO = `LC-2019-${String(1000 + Math.floor(Math.random() * 8999)).padStart(4, '0')}`;
const TRICKY_NAME = `Rượu ngô <b>Bản Phố</b> "đặc biệt" & co ${randomUUID().slice(0, 6)}`;

describe('cycles, progress, organisations, certificates and notifications over HTTP', () => {
  let db: DataSource;
  let recorder: EventRecorder;

  beforeAll(async () => {
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
    recorder = new EventRecorder(db, new EventStore(), createProjections());
  });
  afterAll(async () => {
    await db?.destroy();
  });

  describe('cycles', () => {
    it('admin opens the cycle for next year (201); opening it again is 409 ALREADY_EXISTS; a retry with the same key replays', async () => {
      const key = `cycle-${randomUUID()}`;
      const created = await requestAs('admin', 'POST', '/cycles', {
        body: { provinceCode: 'lao-cai', year: NEXT_YEAR },
        headers: { 'Idempotency-Key': key },
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        provinceCode: 'lao-cai',
        year: NEXT_YEAR,
        ruleSet: defaultRuleSetForYear(NEXT_YEAR),
        calendar: defaultCycleCalendar(NEXT_YEAR),
        targets: { newCertifiedProducts: 0, organisationsConsolidated: 0, newOrganisations: 0 },
        dayLengthMs: null,
        status: 'open',
        openedBy: `admin:${demoUser('admin').userId}`,
        openedAt: expect.any(String),
        workflowId: `cycle:lao-cai:${NEXT_YEAR}`,
        updatedAt: expect.any(String),
      });

      const replay = await requestAs('admin', 'POST', '/cycles', {
        body: { provinceCode: 'lao-cai', year: NEXT_YEAR },
        headers: { 'Idempotency-Key': key },
      });
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(created.body);

      const again = await requestAs('admin', 'POST', '/cycles', { body: { provinceCode: 'lao-cai', year: NEXT_YEAR } });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'ALREADY_EXISTS', message: { vi: expect.any(String), en: expect.any(String) } });
      expect(
        (
          await db.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND type = 'CycleOpened'`, [
            `cycle:lao-cai:${NEXT_YEAR}`,
          ])
        )[0].n,
      ).toBe(1);
    });

    it.each([
      [
        'a provincial coordinator compressing days (admin only)',
        'tinh.laocai',
        { provinceCode: 'lao-cai', year: NEXT_YEAR, dayLengthMs: 1000 },
        403,
        'ACCESS_DENIED',
      ],
      ['a district coordinator', 'huyen.bacha', { provinceCode: 'lao-cai', year: NEXT_YEAR }, 403, 'ACCESS_DENIED'],
      ['a producer', 'htx.bacha', { provinceCode: 'lao-cai', year: NEXT_YEAR }, 403, 'ACCESS_DENIED'],
      ['an unknown province', 'admin', { provinceCode: 'atlantis', year: NEXT_YEAR }, 400, 'VALIDATION_FAILED'],
      ['a year more than one ahead', 'admin', { provinceCode: 'lao-cai', year: NEXT_YEAR + 1 }, 422, 'CYCLE_YEAR_OUT_OF_RANGE'],
      [
        'windows out of order',
        'tinh.laocai',
        { provinceCode: 'lao-cai', year: NEXT_YEAR, calendar: { dossierDueAt: `${NEXT_YEAR}-04-01T17:00:00.000Z` } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a malformed body',
        'admin',
        { provinceCode: 'Lào Cai', year: 'next', targets: { newCertifiedProducts: -1 }, extra: 1 },
        400,
        'VALIDATION_FAILED',
      ],
    ])('refuses %s with a coded error and starts nothing', async (_case, user, body, status, code) => {
      const response = await requestAs(user, 'POST', '/cycles', { body });
      expect(response.status).toBe(status);
      expect(response.body.code).toBe(code);
      const opened = await db.query(
        `SELECT stream_id, count(*)::int AS n FROM events WHERE type = 'CycleOpened' AND stream_id = ANY($1) GROUP BY stream_id`,
        [[`cycle:lao-cai:${NEXT_YEAR}`, `cycle:lao-cai:${NEXT_YEAR + 1}`, `cycle:atlantis:${NEXT_YEAR}`]],
      );
      expect(opened).toEqual([{ stream_id: `cycle:lao-cai:${NEXT_YEAR}`, n: 1 }]);
    });

    it('400 names the field and the rule: windows out of order, malformed fields', async () => {
      const order = await requestAs('admin', 'POST', '/cycles', {
        body: { provinceCode: 'lao-cai', year: NEXT_YEAR, calendar: { dossierDueAt: `${NEXT_YEAR}-04-01T17:00:00.000Z` } },
      });
      expect(order.body.errors).toEqual([
        { field: 'calendar.dossierDueAt', rule: 'windowsInOrder', message: expect.stringContaining('businessPlanDueAt') },
      ]);
      const malformed = await requestAs('admin', 'POST', '/cycles', {
        body: { provinceCode: 'Lào Cai', year: 'next', targets: { newCertifiedProducts: -1 }, extra: 1 },
      });
      expect(new Set(malformed.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set([
          'provinceCode',
          'year',
          'targets.newCertifiedProducts',
          'targets.organisationsConsolidated',
          'targets.newOrganisations',
          'extra',
        ]),
      );
    });

    it('the cycle: read model with the live progress; listed for the province', async () => {
      const detail = await requestAs('huyen.bacha', 'GET', `/cycles/lao-cai/${NEXT_YEAR}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        provinceCode: 'lao-cai',
        year: NEXT_YEAR,
        live: { byStage: expect.any(Object), calendar: defaultCycleCalendar(NEXT_YEAR) },
      });
      // Its products by stage, certified and by stars are the read model's, as the progress endpoint counts them.
      const progress = (await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/${NEXT_YEAR}/progress`)).body;
      const stars = Object.fromEntries(Object.entries(progress.stars as Record<string, number>).filter(([, n]) => n > 0));
      expect(detail.body.live).toEqual({
        byStage: progress.totals.byStage,
        certified: progress.certified,
        starsDistribution: stars,
        calendar: defaultCycleCalendar(NEXT_YEAR),
        targetMet: { newCertifiedProducts: progress.certified >= 0 }, // the cycle's target is 0
      });
      const list = await requestAs('htx.bacha', 'GET', '/cycles');
      expect(list.status).toBe(200);
      expect(list.body.map((c: { year: number; provinceCode: string }) => `${c.provinceCode}/${c.year}`)).toContain(`lao-cai/${NEXT_YEAR}`);
      expect((await requestAs('lab.laocai', 'GET', '/cycles')).status).toBe(403);
      expect((await requestAs('tinh.laocai', 'GET', '/cycles/lao-cai/1999')).status).toBe(404);
      expect((await requestAs('tinh.laocai', 'GET', '/cycles/lao-cai/abcd')).status).toBe(400);
    });

    it('tinh.laocai moves a window (200, the read model follows); out of order is 409 WINDOWS_OUT_OF_ORDER; a district coordinator 403', async () => {
      const newDate = `${NEXT_YEAR}-06-15T17:00:00.000Z`;
      const moved = await requestAs('tinh.laocai', 'POST', `/cycles/lao-cai/${NEXT_YEAR}/dates`, {
        body: { window: 'dossierDueAt', newDate },
        headers: { 'Idempotency-Key': `move-${randomUUID()}` },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.calendar.dossierDueAt).toBe(newDate);
      expect((await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/${NEXT_YEAR}`)).body.calendar.dossierDueAt).toBe(newDate);

      const outOfOrder = await requestAs('tinh.laocai', 'POST', `/cycles/lao-cai/${NEXT_YEAR}/dates`, {
        body: { window: 'businessPlanDueAt', newDate: `${NEXT_YEAR}-07-01T17:00:00.000Z` },
      });
      expect(outOfOrder.status).toBe(409);
      expect(outOfOrder.body.code).toBe('WINDOWS_OUT_OF_ORDER');
      expect(
        (await requestAs('huyen.bacha', 'POST', `/cycles/lao-cai/${NEXT_YEAR}/dates`, { body: { window: 'dossierDueAt', newDate } }))
          .status,
      ).toBe(403);
      const bad = await requestAs('tinh.laocai', 'POST', `/cycles/lao-cai/${NEXT_YEAR}/dates`, {
        body: { window: 'harvest', newDate: 'soon' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['newDate', 'window']);
    });

    it('tinh.laocai reads its progress: counts, stars, targets, overdue and upcoming, from the read models', async () => {
      const response = await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/${NEXT_YEAR}/progress`);
      expect(response.status).toBe(200);
      const target = { target: 0, actual: expect.any(Number), met: false, status: 'no_target' }; // 0 is no target, never "met"
      expect(response.body).toEqual({
        provinceCode: 'lao-cai',
        year: NEXT_YEAR,
        ruleSet: defaultRuleSetForYear(NEXT_YEAR),
        asOf: expect.any(String),
        filters: { district: null, productGroup: null },
        totals: { products: expect.any(Number), byStage: expect.any(Object) },
        byStageDistrictGroup: expect.any(Array),
        // A cycle of 2026 on works by commune (the 2025 map).
        areaLevel: 'commune',
        byArea: expect.any(Array),
        certified: expect.any(Number),
        stars: { '3': expect.any(Number), '4': expect.any(Number), '5': expect.any(Number) },
        targets: { newCertifiedProducts: target, organisationsConsolidated: target, newOrganisations: target },
        overdue: {
          total: expect.any(Number),
          byKind: { product_step: expect.any(Number), lab_result: expect.any(Number), inspection_report: expect.any(Number) },
          items: expect.any(Array),
        },
        upcoming: {
          days: 14,
          until: expect.any(String),
          total: expect.any(Number),
          byKind: {
            product_step: expect.any(Number),
            lab_result: expect.any(Number),
            session: expect.any(Number),
            calendar_window: expect.any(Number),
          },
          items: expect.any(Array),
        },
      });
      const totals = response.body.byStageDistrictGroup.reduce((sum: number, cell: { products: number }) => sum + cell.products, 0);
      expect(response.body.totals.products).toBe(totals);
    });

    it('progress: htx.bacha 403; huyen.bacha sees its district only, another district is 403; bad filters are 400', async () => {
      const producer = await requestAs('htx.bacha', 'GET', `/cycles/lao-cai/${NEXT_YEAR}/progress`);
      expect(producer.status).toBe(403);
      expect(producer.body.code).toBe('ACCESS_DENIED');
      const district = await requestAs('huyen.bacha', 'GET', `/cycles/lao-cai/${NEXT_YEAR}/progress`);
      expect(district.status).toBe(200);
      expect(district.body.filters.district).toBe('bac-ha');
      for (const cell of district.body.byStageDistrictGroup) expect(cell.districtCode).toBe('bac-ha');
      expect((await requestAs('huyen.bacha', 'GET', `/cycles/lao-cai/${NEXT_YEAR}/progress?district=bat-xat`)).status).toBe(403);
      const unknown = await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/${NEXT_YEAR}/progress?district=quan-1`);
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'district' })]);
      expect((await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/${NEXT_YEAR}/progress?productGroup=DROP%20TABLE`)).status).toBe(400);
      for (const items of ['0', '201', 'many']) {
        const refused = await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/${NEXT_YEAR}/progress?items=${items}`);
        expect({ items, status: refused.status, fields: [...new Set(refused.body.errors.map((e: { field: string }) => e.field))] }).toEqual(
          { items, status: 400, fields: ['items'] },
        );
      }
      const one = await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/${NEXT_YEAR}/progress?items=1`);
      expect(one.status).toBe(200);
      expect(one.body.upcoming.items.length).toBeLessThanOrEqual(1);
      expect((await request('GET', `/cycles/lao-cai/${NEXT_YEAR}/progress`)).status).toBe(401);
    });
  });

  describe('organisations', () => {
    const anOrganisation = (overrides: Record<string, unknown> = {}) => ({
      name: `HTX Mận Tam hoa ${randomUUID().slice(0, 8)}`,
      producerType: 'htx',
      districtCode: 'bac-ha',
      foundedYear: 2020,
      taxCode: '5300123456',
      contactEmail: 'htx.tamhoa@example.vn',
      ...overrides,
    });

    it('a district coordinator registers one in its district (201, OrganisationRegistered by it); a retry with the key records nothing new', async () => {
      const body = anOrganisation();
      const key = `org-${randomUUID()}`;
      const created = await requestAs('huyen.bacha', 'POST', '/organisations', { body, headers: { 'Idempotency-Key': key } });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: body.name,
        producerType: 'htx',
        provinceCode: 'lao-cai',
        districtCode: 'bac-ha',
        foundedYear: 2020,
        taxCode: '5300123456',
        contactEmail: 'htx.tamhoa@example.vn',
        contactPhone: null,
        address: null,
        representative: null,
        contactUpdatedAt: null,
        contactUpdatedBy: null,
        // Neither a commune nor an address given: not placed on the 2025 map.
        communeCode: null,
        communeName: null,
        legacyCommuneCode: null,
        legacyDistrictCode: null,
        registeredBy: `district_coordinator:${demoUser('huyen.bacha').userId}`,
        registeredAt: expect.any(String),
      });
      const again = await requestAs('huyen.bacha', 'POST', '/organisations', { body, headers: { 'Idempotency-Key': key } });
      expect(again.body).toEqual(created.body);
      const events = await db.query(`SELECT type, actor, stream_seq FROM events WHERE stream_id = $1`, [`organisation:${created.body.id}`]);
      expect(events).toEqual([
        { type: 'OrganisationRegistered', actor: `district_coordinator:${demoUser('huyen.bacha').userId}`, stream_seq: 1 },
      ]);

      expect((await requestAs('huyen.bacha', 'GET', `/organisations/${created.body.id}`)).status).toBe(200);
      expect((await requestAs('huyen.batxat', 'GET', `/organisations/${created.body.id}`)).status).toBe(403);
      expect((await requestAs('tinh.laocai', 'GET', `/organisations/${created.body.id}`)).body.name).toBe(body.name);
    });

    it('… and 403 for another district, 422 for an unknown one, 400 naming bad fields; producers may not register', async () => {
      const other = await requestAs('huyen.bacha', 'POST', '/organisations', { body: anOrganisation({ districtCode: 'bat-xat' }) });
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('ACCESS_DENIED');
      expect(
        (await requestAs('tinh.laocai', 'POST', '/organisations', { body: anOrganisation({ districtCode: 'quan-1' }) })).body.code,
      ).toBe('UNKNOWN_DISTRICT');
      expect((await requestAs('htx.bacha', 'POST', '/organisations', { body: anOrganisation() })).status).toBe(403);
      const bad = await requestAs('tinh.laocai', 'POST', '/organisations', {
        body: { name: 'x', producerType: 'llc', districtCode: 'Bắc Hà', foundedYear: 1800, taxCode: '12', contactEmail: 'nope' },
      });
      expect(bad.status).toBe(400);
      expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set(['name', 'producerType', 'districtCode', 'foundedYear', 'taxCode', 'contactEmail']),
      );
      expect(
        (await requestAs('tinh.laocai', 'POST', '/organisations', { body: anOrganisation({ foundedYear: NEXT_YEAR }) })).body.errors,
      ).toEqual([expect.objectContaining({ field: 'foundedYear', rule: 'notInFuture' })]);
    });

    it('the list is scoped: a producer sees its own organisation only; a district coordinator its district; unknown ids 404, malformed 400', async () => {
      const producer = await requestAs('htx.bacha', 'GET', '/organisations');
      expect(producer.status).toBe(200);
      expect(producer.body.items.map((o: { id: string }) => o.id)).toEqual([BAC_HA_COOPERATIVE]);
      expect(producer.body.total).toBe(1);
      const district = await requestAs('huyen.batxat', 'GET', '/organisations?limit=500');
      expect(district.body.items.length).toBeGreaterThan(0);
      for (const o of district.body.items) expect(o.districtCode).toBe('bat-xat');
      expect((await requestAs('htx.bacha', 'GET', '/organisations/2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1002')).status).toBe(403);
      expect((await requestAs('admin', 'GET', `/organisations/${randomUUID()}`)).status).toBe(404);
      expect((await requestAs('admin', 'GET', '/organisations/not-a-uuid')).status).toBe(400);
      expect((await requestAs('admin', 'GET', '/organisations?limit=0')).status).toBe(400);
    });
  });

  describe('certificates', () => {
    /** A product of htx.bacha certified in 2019, as productJourney and certificateLifecycle record it. */
    beforeAll(async () => {
      const productId = randomUUID();
      const journey = new TestJourney(recorder, `product:${productId}:2019`);
      await journey.step(
        'IdeaSubmitted',
        'awaiting_idea_review',
        undefined,
        {
          productId,
          organisationId: BAC_HA_COOPERATIVE,
          name: TRICKY_NAME,
          productGroup: 'do-uong',
          districtCode: 'bac-ha',
          provinceCode: 'lao-cai',
          cycleYear: 2019,
          ruleSet: 'QD1048-2019',
          workflowId: journey.streamId,
        },
        `producer:${demoUser('htx.bacha').userId}`,
        '2019-03-01T02:00:00.000Z',
      );
      await journey.step(
        'StarsRecognised',
        'awaiting_province_session',
        undefined,
        { level: 'province', stars: 4 },
        'system:council',
        '2019-10-30T10:00:00.000Z',
      );
      const schedule = certificateSchedule(new Date('2019-10-30T10:00:00.000Z'));
      await journey.step(
        'CertificateIssued',
        'certified',
        undefined,
        {
          certificateNo: CERTIFICATE_NO,
          stars: 4,
          level: 'province',
          issuedAt: schedule.issuedAt.toISOString(),
          expiresAt: schedule.expiresAt.toISOString(),
          inspectorId: 'inspector:lao-cai',
        },
        'system:certification',
        '2019-10-30T10:00:00.000Z',
      );
      await new TestCertificate(recorder, CERTIFICATE_NO).step(
        'InspectionRequested',
        'valid',
        {
          round: 1,
          dueAt: schedule.inspectionsDue[0]!.toISOString(),
          reportDueAt: '2020-11-29T10:00:00.000Z',
          inspectorId: 'inspector:lao-cai',
        },
        'system:inspections',
        schedule.inspectionsDue[0]!.toISOString(),
      );
    });

    it('public JSON: only the public fields; the status as of now (expired: its 36 months are over), with a label', async () => {
      const response = await request('GET', `/public/certificates/${CERTIFICATE_NO}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        certificateNo: CERTIFICATE_NO,
        productName: TRICKY_NAME,
        producerName: 'HTX Nông nghiệp Bắc Hà',
        district: { code: 'bac-ha', name: 'Huyện Bắc Hà' },
        province: { code: 'lao-cai', name: 'Tỉnh Lào Cai' },
        stars: 4,
        issuedAt: '2019-10-30T10:00:00.000Z',
        expiresAt: expect.stringMatching(/^2022-10-30T/),
        status: 'expired',
        statusLabel: { vi: 'Hết hiệu lực', en: 'Expired' },
      });
    });

    it('the verification page: small mobile HTML, every text escaped; 400 for a malformed number, 404 for an unknown one', async () => {
      const page = await request('GET', `/verify/${CERTIFICATE_NO}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.body).toContain('<meta name="viewport"');
      expect(page.body).toContain('Hết hiệu lực');
      expect(page.body).toContain('&lt;b&gt;Bản Phố&lt;/b&gt; &quot;đặc biệt&quot; &amp; co');
      expect(page.body).not.toContain('<b>Bản Phố</b>');

      const bad = await request('GET', '/verify/bad');
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/^text\/html/);
      expect((await request('GET', '/verify/LC-1999-9999')).status).toBe(404);
      expect((await request('GET', `/verify/${encodeURIComponent('<script>alert(1)</script>')}`)).body).not.toContain('<script>alert');
    });

    it('public JSON: 404 for an unknown number (anonymously), 400 for a malformed one', async () => {
      const unknown = await request('GET', '/public/certificates/LC-1999-9999');
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('NOT_FOUND');
      const malformed = await request('GET', `/public/certificates/${encodeURIComponent("LC-2021-1' OR '1'='1")}`);
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([{ field: 'no', rule: 'isCertificateNo', message: expect.any(String) }]);
    });

    it('detail and printable document for its producer and coordinators; 403 for another producer; 401 anonymously', async () => {
      const detail = await requestAs('htx.bacha', 'GET', `/certificates/${CERTIFICATE_NO}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        certificateNo: CERTIFICATE_NO,
        status: 'expired',
        cycleYear: 2019,
        inspectorId: 'inspector:lao-cai',
        inspections: [{ round: 1, status: 'requested' }],
        live: null,
      });
      expect((await requestAs('kiemtra.laocai', 'GET', `/certificates/${CERTIFICATE_NO}`)).status).toBe(200);
      expect((await requestAs('che.batxat', 'GET', `/certificates/${CERTIFICATE_NO}`)).status).toBe(403);
      expect((await requestAs('huyen.batxat', 'GET', `/certificates/${CERTIFICATE_NO}`)).status).toBe(403);
      expect((await request('GET', `/certificates/${CERTIFICATE_NO}`)).status).toBe(401);
      expect((await requestAs('admin', 'GET', '/certificates/LC-1999-9999')).status).toBe(404);

      const document = await requestAs('huyen.bacha', 'GET', `/certificates/${CERTIFICATE_NO}/document`);
      expect(document.status).toBe(200);
      expect(document.headers.get('content-type')).toMatch(/^text\/html/);
      expect(document.body).toContain('GIẤY CHỨNG NHẬN SẢN PHẨM OCOP');
      expect(document.body).toContain(`/verify/${CERTIFICATE_NO}`);
      expect(document.body).toContain('<svg');
    });

    it('the list is scoped and filtered', async () => {
      const mine = await requestAs('htx.bacha', 'GET', '/certificates?cycleYear=2019&limit=200');
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((c: { certificateNo: string }) => c.certificateNo)).toContain(CERTIFICATE_NO);
      for (const c of mine.body.items) expect(c.organisationId).toBe(BAC_HA_COOPERATIVE);
      const otherProducer = await requestAs('che.batxat', 'GET', '/certificates?cycleYear=2019&limit=200');
      expect(otherProducer.body.items.map((c: { certificateNo: string }) => c.certificateNo)).not.toContain(CERTIFICATE_NO);
      const expired = await requestAs('tinh.laocai', 'GET', '/certificates?status=expired&stars=4&district=bac-ha&limit=200');
      expect(expired.body.items.map((c: { certificateNo: string }) => c.certificateNo)).toContain(CERTIFICATE_NO);
      const valid = await requestAs('tinh.laocai', 'GET', '/certificates?status=valid&cycleYear=2019&limit=200');
      expect(valid.body.items.map((c: { certificateNo: string }) => c.certificateNo)).not.toContain(CERTIFICATE_NO);
      const bad = await requestAs('admin', 'GET', '/certificates?stars=9&status=lost&cycleYear=x');
      expect(bad.status).toBe(400);
      expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['stars', 'status', 'cycleYear']));
      expect((await requestAs('hoidong.1', 'GET', '/certificates')).status).toBe(403);
    });
  });

  describe('notifications', () => {
    it('any role lists its inbox (200, newest first)', async () => {
      for (const user of DEMO_USERS) {
        const response = await requestAs(user.username, 'GET', '/notifications?limit=5&unreadOnly=false');
        expect({ user: user.username, status: response.status }).toEqual({ user: user.username, status: 200 });
        expect(response.body).toEqual(expect.any(Array));
        expect(Number(response.headers.get('x-unread-count'))).toBeGreaterThanOrEqual(0);
        const times = response.body.map((m: { createdAt: string }) => m.createdAt);
        expect(times).toEqual([...times].sort().reverse());
      }
      expect((await requestAs('admin', 'GET', '/notifications?limit=201')).status).toBe(400);
      expect((await request('GET', '/notifications')).status).toBe(401);
    });

    it('marks a message read once: the first time records NotificationRead on inbox:<user>; a repeat changes nothing; someone else’s is 404', async () => {
      const messageId = `e2e:${randomUUID()}:reminder`;
      await db.query(
        `INSERT INTO inbox_messages (message_id, recipient, subject_vi, subject_en, body_vi, body_en, created_at) VALUES ($1, $2, 'Nhắc hạn', 'Reminder', 'Nộp hồ sơ', 'Dossier due', now())`,
        [messageId, `org:${BAC_HA_COOPERATIVE}`],
      );
      const user = demoUser('htx.bacha');
      const unread = await requestAs('htx.bacha', 'GET', '/notifications?unreadOnly=true&limit=200');
      expect(unread.body.map((m: { messageId: string }) => m.messageId)).toContain(messageId);

      expect((await requestAs('che.batxat', 'POST', `/notifications/${encodeURIComponent(messageId)}/read`)).status).toBe(404);
      const first = await requestAs('htx.bacha', 'POST', `/notifications/${encodeURIComponent(messageId)}/read`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ messageId, recipient: `org:${BAC_HA_COOPERATIVE}`, readAt: expect.any(String) });
      const second = await requestAs('htx.bacha', 'POST', `/notifications/${encodeURIComponent(messageId)}/read`);
      expect(second.status).toBe(200);
      expect(second.body.readAt).toBe(first.body.readAt);
      const facts: StoredEvent[] = await db.query(`SELECT type, actor FROM events WHERE stream_id = $1 AND payload->>'messageId' = $2`, [
        `inbox:${user.userId}`,
        messageId,
      ]);
      expect(facts).toEqual([{ type: 'NotificationRead', actor: `producer:${user.userId}` }]);
      const after = await requestAs('htx.bacha', 'GET', '/notifications?unreadOnly=true&limit=200');
      expect(after.body.map((m: { messageId: string }) => m.messageId)).not.toContain(messageId);
      expect((await requestAs('htx.bacha', 'POST', '/notifications/no-such-message/read')).status).toBe(404);
    });
  });

  it('odd input is a 4xx, never a 5xx', async () => {
    const probes: [string, string, string, unknown?][] = [
      ['admin', 'POST', '/organisations', { name: 'HTX \u0000 Bắc Hà', producerType: 'htx', districtCode: 'bac-ha' }],
      ['admin', 'POST', '/organisations', { name: ['array'], producerType: {}, districtCode: 7, foundedYear: 2020.5 }],
      [
        'admin',
        'POST',
        '/cycles',
        { provinceCode: 'lao-cai', year: NEXT_YEAR, calendar: { dossierDueAt: '2027-02-30T17:00:00Z', labTurnaroundDays: 1e9 } },
      ],
      ['admin', 'POST', '/cycles', { provinceCode: 'lao-cai', year: 1e308 }],
      ['admin', 'GET', '/organisations?district=%00&limit=1e3'],
      ['admin', 'GET', '/certificates?cycleYear=99999999999999999999&offset=-1'],
      ['admin', 'GET', '/certificates/%00'],
      ['admin', 'GET', `/cycles/%00/${NEXT_YEAR}/progress`],
      ['admin', 'GET', `/cycles/lao-cai/${NEXT_YEAR}/progress?district=%00`],
      ['admin', 'POST', '/notifications/%00/read'],
      ['admin', 'GET', '/notifications?limit=abc&unreadOnly=maybe'],
      ['', 'GET', '/public/certificates/%00'],
      ['', 'GET', `/verify/${'A'.repeat(5000)}`],
    ];
    const answers: string[] = [];
    for (const [user, method, path, body] of probes) {
      const response = user ? await requestAs(user, method, path, { body }) : await request(method, path, { body });
      answers.push(`${method} ${path}: ${response.status >= 400 && response.status < 500 ? '4xx' : response.status}`);
    }
    expect(answers).toEqual(probes.map(([, method, path]) => `${method} ${path}: 4xx`));
  });

  it('documents the routes with their access rules in OpenAPI', async () => {
    const spec = await request('GET', '/docs/openapi.json');
    for (const path of [
      '/organisations',
      '/organisations/{id}',
      '/cycles',
      '/cycles/{province}/{year}',
      '/cycles/{province}/{year}/progress',
      '/cycles/{province}/{year}/dates',
      '/certificates',
      '/certificates/{no}',
      '/certificates/{no}/document',
      '/public/certificates/{no}',
      '/verify/{no}',
      '/notifications',
      '/notifications/{id}/read',
    ]) {
      expect(spec.body.paths).toHaveProperty([path]);
      for (const operation of Object.values(spec.body.paths[path]) as { 'x-ocop-access'?: unknown }[])
        expect(operation['x-ocop-access']).toEqual(expect.objectContaining({ rule: expect.any(String) }));
    }
  });
});
