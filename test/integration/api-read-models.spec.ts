import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { defaultCycleCalendar, certificateSchedule, addDays } from '@ocop/domain';
import { createProjections, EventRecorder, EventStore, ProjectionRebuilder, READ_MODEL_TABLES } from '@ocop/persistence';
import { DEMO_ORGANISATIONS, demoOrganisationRegistered, loadDemoData } from '../../apps/cli/src/demo-data';
import { projectionsOn } from '../support/activities';
import { openTestDatabase } from '../support/database';
import { TestCertificate, TestJourney, TestStream } from '../support/event-streams';
import { createOwnDatabase } from '../support/own-database';

/**
 * The read models the HTTP API reads, fed with events shaped as the workflows (and the API) append them. A database
 * of this file's own: the rebuild at the end truncates every read model.
 */
describe('API read models projected from the event log', () => {
  let own: Awaited<ReturnType<typeof createOwnDatabase>>;
  let db: DataSource;
  let recorder: EventRecorder;

  beforeAll(async () => {
    own = await createOwnDatabase();
    db = await openTestDatabase(own.url);
    recorder = projectionsOn(db).recorder;
  });
  afterAll(async () => {
    await db?.destroy();
    await own?.drop();
  });

  const at = (iso: string) => new Date(iso);
  const COORDINATOR = 'provincial_coordinator:coord-province';
  const INSPECTOR = 'inspector:inspector-user';

  /** A journey whose idea was submitted, as productJourney records it. */
  async function aJourney(
    options: { year?: number; productId?: string; name?: string; productGroup?: string; districtCode?: string; submittedAt?: string } = {},
  ) {
    const productId = options.productId ?? randomUUID();
    const year = options.year ?? 2021;
    const organisationId = randomUUID();
    const journey = new TestJourney(recorder, `product:${productId}:${year}`);
    await journey.step(
      'IdeaSubmitted',
      'awaiting_idea_review',
      undefined,
      {
        productId,
        organisationId,
        name: options.name ?? 'Mật ong bạc hà Mường Khương',
        productGroup: options.productGroup ?? 'thuc-pham',
        districtCode: options.districtCode ?? 'muong-khuong',
        provinceCode: 'lao-cai',
        cycleYear: year,
        ruleSet: 'QD1048-2019',
        workflowId: journey.streamId,
      },
      'producer:producer-user',
      options.submittedAt ?? `${year}-03-01T08:00:00.000Z`,
    );
    return { journey, productId, organisationId, workflowId: journey.streamId };
  }

  /** Stars recognised and the certificate issued, as productJourney.certify records them. */
  async function certify(journey: TestJourney, certificateNo: string, issuedAt: string, extra: Record<string, unknown> = {}) {
    const schedule = certificateSchedule(at(issuedAt));
    await journey.step(
      'StarsRecognised',
      'awaiting_province_session',
      undefined,
      { level: 'province', stars: 4 },
      'system:council',
      issuedAt,
    );
    await journey.step(
      'CertificateIssued',
      'certified',
      undefined,
      {
        certificateNo,
        stars: 4,
        level: 'province',
        issuedAt: schedule.issuedAt.toISOString(),
        expiresAt: schedule.expiresAt.toISOString(),
        ...extra,
      },
      'system:certification',
      issuedAt,
    );
    return schedule;
  }

  describe('organisations', () => {
    it('are registered by OrganisationRegistered: every field, the actor, and the event time as created_at', async () => {
      const organisationId = randomUUID();
      const stored = await new TestStream(recorder, `organisation:${organisationId}`).record(
        'OrganisationRegistered',
        {
          organisationId,
          name: 'HTX Dược liệu Sín Chéng',
          producerType: 'htx',
          provinceCode: 'lao-cai',
          districtCode: 'si-ma-cai',
          foundedYear: 2019,
          taxCode: '5300123456',
          contactEmail: 'htx.sincheng@example.vn',
        },
        COORDINATOR,
        '2021-02-15T03:30:00.000Z',
      );
      const bare = randomUUID();
      await new TestStream(recorder, `organisation:${bare}`).record(
        'OrganisationRegistered',
        {
          organisationId: bare,
          name: 'Hộ kinh doanh Chè Ý Tý',
          producerType: 'ho-kinh-doanh',
          provinceCode: 'lao-cai',
          districtCode: 'bat-xat',
        },
        COORDINATOR,
        '2021-02-16T03:30:00.000Z',
      );
      const rows = await db.query(`SELECT * FROM organisations WHERE organisation_id = ANY($1) ORDER BY created_at`, [
        [organisationId, bare],
      ]);
      expect(rows).toEqual([
        {
          organisation_id: organisationId,
          name: 'HTX Dược liệu Sín Chéng',
          producer_type: 'htx',
          province_code: 'lao-cai',
          district_code: 'si-ma-cai',
          founded_year: 2019,
          tax_code: '5300123456',
          contact_email: 'htx.sincheng@example.vn',
          contact_phone: null,
          address: null,
          representative: null,
          registered_by: COORDINATOR,
          created_at: at('2021-02-15T03:30:00.000Z'),
          contact_updated_by: null,
          contact_updated_at: null,
          commune_code: null,
          legacy_commune_code: null,
          legacy_district_code: null,
          last_event_position: stored.position,
        },
        expect.objectContaining({
          organisation_id: bare,
          founded_year: null,
          tax_code: null,
          contact_email: null,
          created_at: at('2021-02-16T03:30:00.000Z'),
        }),
      ]);
    });

    it('take OrganisationContactChanged: only the fields it names (null clears one), with who changed them and when', async () => {
      const organisationId = randomUUID();
      const stream = new TestStream(recorder, `organisation:${organisationId}`);
      await stream.record(
        'OrganisationRegistered',
        {
          organisationId,
          name: 'HTX Mận Bắc Hà',
          producerType: 'htx',
          provinceCode: 'lao-cai',
          districtCode: 'bac-ha',
          contactEmail: 'a@example.vn',
        },
        COORDINATOR,
        '2021-02-15T03:30:00.000Z',
      );
      await stream.record(
        'OrganisationContactChanged',
        { organisationId, contactPhone: '0214 3880 123', address: 'Thị trấn Bắc Hà', representative: 'Lù Văn A' },
        'producer:producer-user',
        '2021-03-01T03:30:00.000Z',
      );
      const last = await stream.record(
        'OrganisationContactChanged',
        { organisationId, contactEmail: null, representative: 'Giàng Thị B' },
        COORDINATOR,
        '2021-03-02T03:30:00.000Z',
      );
      const [row] = await db.query(`SELECT * FROM organisations WHERE organisation_id = $1`, [organisationId]);
      expect(row).toEqual(
        expect.objectContaining({
          name: 'HTX Mận Bắc Hà',
          contact_email: null,
          contact_phone: '0214 3880 123',
          address: 'Thị trấn Bắc Hà',
          representative: 'Giàng Thị B',
          registered_by: COORDINATOR,
          created_at: at('2021-02-15T03:30:00.000Z'),
          contact_updated_by: COORDINATOR,
          contact_updated_at: at('2021-03-02T03:30:00.000Z'),
          last_event_position: last.position,
        }),
      );
    });

    it('demo data registers the demo producers by events, once (loading again changes nothing)', async () => {
      const UNPLACED = { commune_code: null, legacy_commune_code: null, legacy_district_code: null };
      // A row written the old way (direct INSERT, no event) is taken over by its event.
      const legacy = DEMO_ORGANISATIONS[4];
      await db.query(
        `INSERT INTO organisations (organisation_id, name, producer_type, province_code, district_code) VALUES ($1, 'old name', 'htx', 'lao-cai', 'van-ban')`,
        [legacy.id],
      );

      expect(await loadDemoData(db)).toBe(7);
      expect(await loadDemoData(db)).toBe(0);

      const ids = DEMO_ORGANISATIONS.map((o) => o.id);
      const events = await db.query(
        `SELECT event_id, stream_id, stream_seq, actor FROM events WHERE stream_id = ANY($1) ORDER BY stream_id`,
        [ids.map((id) => `organisation:${id}`)],
      );
      expect(events).toEqual(
        DEMO_ORGANISATIONS.map((o) => ({
          event_id: demoOrganisationRegistered(o).eventId,
          stream_id: `organisation:${o.id}`,
          stream_seq: 1,
          actor: 'system:demo-data',
        })),
      );
      expect(demoOrganisationRegistered(DEMO_ORGANISATIONS[0]).eventId).toBe(demoOrganisationRegistered(DEMO_ORGANISATIONS[0]).eventId);

      const rows = await db.query(
        `SELECT organisation_id, name, district_code, founded_year, registered_by, commune_code, legacy_commune_code, legacy_district_code
           FROM organisations WHERE organisation_id = ANY($1) ORDER BY organisation_id`,
        [ids],
      );
      expect(rows).toEqual([
        {
          organisation_id: ids[0],
          name: 'HTX Nông nghiệp Bắc Hà',
          district_code: 'bac-ha',
          founded_year: 2015,
          registered_by: 'system:demo-data',
          ...UNPLACED,
        },
        {
          organisation_id: ids[1],
          name: 'Công ty TNHH Chè Shan tuyết Bát Xát',
          district_code: 'bat-xat',
          founded_year: 2018,
          registered_by: 'system:demo-data',
          ...UNPLACED,
        },
        {
          organisation_id: ids[2],
          name: 'Tổ hợp tác Thổ cẩm Sa Pa',
          district_code: 'tx-sa-pa',
          founded_year: 2021,
          registered_by: 'system:demo-data',
          ...UNPLACED,
        },
        {
          organisation_id: ids[3],
          name: 'Hộ kinh doanh Mật ong Mường Khương',
          district_code: 'muong-khuong',
          founded_year: 2021,
          registered_by: 'system:demo-data',
          ...UNPLACED,
        },
        {
          organisation_id: ids[4],
          name: 'HTX Quế Văn Bàn',
          district_code: 'van-ban',
          founded_year: 2012,
          registered_by: 'system:demo-data',
          ...UNPLACED,
        },
        {
          organisation_id: ids[5],
          name: 'HTX Chè Mộc Châu',
          district_code: '123',
          founded_year: 2016,
          registered_by: 'system:demo-data',
          ...UNPLACED,
        },
        {
          // Registered in 2021 with its old address: its commune on the 2025 map beside its old commune and district.
          organisation_id: ids[6],
          name: 'HTX Mận Tam hoa Bảo Nhai',
          district_code: '085',
          founded_year: 2019,
          registered_by: 'system:demo-data',
          commune_code: '02890',
          legacy_commune_code: '02890',
          legacy_district_code: '085',
        },
      ]);
    });
  });

  describe('cycles', () => {
    it('are opened by CycleOpened and take the whole new calendar on CycleDateMoved', async () => {
      const cycle = new TestStream(recorder, 'cycle:lao-cai:2027');
      const calendar = defaultCycleCalendar(2027);
      const targets = { newCertifiedProducts: 30, organisationsConsolidated: 12, newOrganisations: 7 };
      const opened = await cycle.record(
        'CycleOpened',
        { provinceCode: 'lao-cai', year: 2027, ruleSet: 'QD1048-2019', calendar, targets, dayLengthMs: 1000 },
        COORDINATOR,
        '2027-01-05T02:00:00.000Z',
      );
      await cycle.record(
        'ReminderSent',
        {
          step: 'ideaWindowClosesAt',
          kind: 'before',
          daysBefore: 7,
          scheduledFor: '2027-03-24T16:59:59.999Z',
          dueAt: calendar.ideaWindowClosesAt,
          recipient: 'province:lao-cai:producers',
        },
        'system:reminders',
        '2027-03-24T16:59:59.999Z',
      );
      expect(await db.query(`SELECT * FROM cycles WHERE workflow_id = $1`, [cycle.streamId])).toEqual([
        {
          province_code: 'lao-cai',
          cycle_year: 2027,
          rule_set: 'QD1048-2019',
          calendar,
          targets,
          day_length_ms: 1000,
          status: 'open',
          opened_by: COORDINATOR,
          opened_at: at('2027-01-05T02:00:00.000Z'),
          workflow_id: 'cycle:lao-cai:2027',
          last_event_position: opened.position,
          updated_at: at('2027-01-05T02:00:00.000Z'),
        },
      ]);

      const moved = { ...calendar, dossierDueAt: '2027-06-15T16:59:59.999Z' };
      const move = await cycle.record(
        'CycleDateMoved',
        { window: 'dossierDueAt', from: calendar.dossierDueAt, to: moved.dossierDueAt, calendar: moved },
        COORDINATOR,
        '2027-04-02T07:00:00.000Z',
      );
      const [row] = await db.query(`SELECT * FROM cycles WHERE province_code = 'lao-cai' AND cycle_year = 2027`);
      expect(row).toMatchObject({
        calendar: moved,
        opened_at: at('2027-01-05T02:00:00.000Z'),
        last_event_position: move.position,
        updated_at: at('2027-04-02T07:00:00.000Z'),
      });
    });

    it('opened by the system without a compressed day: day_length_ms is null', async () => {
      const cycle = new TestStream(recorder, 'cycle:lao-cai:2028');
      const targets = { newCertifiedProducts: 25, organisationsConsolidated: 10, newOrganisations: 5 };
      await cycle.record(
        'CycleOpened',
        { provinceCode: 'lao-cai', year: 2028, ruleSet: 'QD148-2023', calendar: defaultCycleCalendar(2028), targets },
        'system:cycle',
        '2028-01-03T02:00:00.000Z',
      );
      const [row] = await db.query(`SELECT rule_set, day_length_ms, opened_by FROM cycles WHERE workflow_id = 'cycle:lao-cai:2028'`);
      expect(row).toEqual({ rule_set: 'QD148-2023', day_length_ms: null, opened_by: 'system:cycle' });
    });
  });

  describe('sessions', () => {
    it('keep the council from SessionOpened: chair, members, member ids (GIN-indexed) and who opened it', async () => {
      const sessionId = `s-${randomUUID()}`;
      const members = [
        { memberId: `m-${sessionId}-1`, name: 'Nguyễn Văn An' },
        { memberId: `m-${sessionId}-2`, name: 'Trần Thị Bình' },
        { memberId: `m-${sessionId}-3`, name: 'Lò Văn Chiến' },
      ];
      const session = new TestStream(recorder, `session:${sessionId}`);
      await session.record(
        'SessionOpened',
        {
          status: 'open',
          level: 'district',
          areaCode: 'bac-ha',
          provinceCode: 'lao-cai',
          cycleYear: 2021,
          sessionDate: '2021-07-20T01:00:00.000Z',
          members,
          chairId: members[0]!.memberId,
          latestDossierDate: '2021-07-16T00:00:00.000Z',
        },
        'district_coordinator:coord-bac-ha',
        '2021-07-01T02:00:00.000Z',
      );
      await session.record(
        'ProductEntered',
        { status: 'open', productId: randomUUID(), workflowId: 'product:x:2021', name: 'Rượu ngô Bản Phố' },
        'district_coordinator:coord-bac-ha',
        '2021-07-02T02:00:00.000Z',
      );

      const [row] = await db.query(
        `SELECT chair_id, member_ids, members, opened_by, products_entered FROM sessions WHERE session_id = $1`,
        [sessionId],
      );
      expect(row).toEqual({
        chair_id: members[0]!.memberId,
        member_ids: members.map((m) => m.memberId),
        members,
        opened_by: 'district_coordinator:coord-bac-ha',
        products_entered: 1,
      });
      expect(await db.query(`SELECT session_id FROM sessions WHERE member_ids @> ARRAY[$1]`, [members[1]!.memberId])).toEqual([
        { session_id: sessionId },
      ]);

      const plan = await db.transaction(async (m) => {
        await m.query(`SET LOCAL enable_seqscan = off`);
        return JSON.stringify(await m.query(`EXPLAIN (FORMAT JSON) SELECT session_id FROM sessions WHERE member_ids @> ARRAY['m-1']`));
      });
      expect(plan).toContain('ix_sessions_member_ids');
    });
  });

  describe('lab requests', () => {
    it('follow a request, a failed test, the retest and its pass, with the product fields of the journey', async () => {
      const { journey, productId, workflowId } = await aJourney({
        name: 'Rượu mận Bắc Hà',
        productGroup: 'do-uong',
        districtCode: 'bac-ha',
      });
      await journey.step(
        'IdeaChangesRequested',
        'changes_requested',
        '2021-03-20T16:59:59.999Z',
        { reason: 'Nêu rõ vùng nguyên liệu' },
        'district_coordinator:coord-bac-ha',
        '2021-03-05T02:00:00.000Z',
      );
      await journey.step(
        'IdeaRevised',
        'awaiting_idea_review',
        undefined,
        { newName: 'Rượu mận Tam hoa Bắc Hà', note: 'Mận Tam hoa' },
        'producer:producer-user',
        '2021-03-10T02:00:00.000Z',
      );

      const first = { requestId: `${workflowId}:lab:1`, dueAt: '2021-07-01T02:00:00.000Z' };
      const second = { requestId: `${workflowId}:lab:2`, dueAt: '2021-07-16T03:00:00.000Z' };
      const requested = await journey.step(
        'LabTestRequested',
        'awaiting_lab_test',
        first.dueAt,
        { requestId: first.requestId, attempt: 1, labId: 'lab:lao-cai', productGroup: 'do-uong' },
        'system:lab',
        '2021-06-10T02:00:00.000Z',
      );
      expect(
        await db.query(
          `SELECT status, due_at, requested_at, results, decided_at, last_event_position FROM lab_requests WHERE request_id = $1`,
          [first.requestId],
        ),
      ).toEqual([
        {
          status: 'requested',
          due_at: at(first.dueAt),
          requested_at: at('2021-06-10T02:00:00.000Z'),
          results: null,
          decided_at: null,
          last_event_position: requested.position,
        },
      ]);

      await journey.step(
        'LabTestFailed',
        'awaiting_lab_test',
        first.dueAt,
        { requestId: first.requestId, attempt: 1, failedIndicators: ['methanol'], retestAllowed: true },
        'lab:lab-user',
        '2021-06-25T03:00:00.000Z',
      );
      await journey.step(
        'LabTestRequested',
        'awaiting_lab_test',
        second.dueAt,
        { requestId: second.requestId, attempt: 2, labId: 'lab:lao-cai', productGroup: 'do-uong' },
        'system:lab',
        '2021-06-25T03:00:00.000Z',
      );
      const indicators = [
        { indicator: 'methanol', value: '0.02 g/l', passed: true },
        { indicator: 'ethanol', value: '29.5 %', passed: true },
      ];
      const passed = await journey.step(
        'LabTestPassed',
        'awaiting_lab_test',
        second.dueAt,
        { requestId: second.requestId, attempt: 2, indicators },
        'lab:lab-user',
        '2021-07-10T04:00:00.000Z',
      );
      await journey.step(
        'ForwardedToLevel',
        'awaiting_province_session',
        undefined,
        { to: 'province', afterLabTest: true },
        'system:lab',
        '2021-07-10T04:00:00.000Z',
      );

      const rows = await db.query(`SELECT * FROM lab_requests WHERE workflow_id = $1 ORDER BY attempt`, [workflowId]);
      const product = {
        product_id: productId,
        workflow_id: workflowId,
        cycle_year: 2021,
        province_code: 'lao-cai',
        district_code: 'bac-ha',
        product_group: 'do-uong',
        product_name: 'Rượu mận Tam hoa Bắc Hà',
        lab_id: 'lab:lao-cai',
      };
      expect(rows).toEqual([
        {
          ...product,
          request_id: first.requestId,
          attempt: 1,
          status: 'failed',
          requested_at: at('2021-06-10T02:00:00.000Z'),
          due_at: at(first.dueAt),
          results: [{ indicator: 'methanol', passed: false }],
          decided_at: at('2021-06-25T03:00:00.000Z'),
          last_event_position: expect.any(String),
          updated_at: at('2021-06-25T03:00:00.000Z'),
        },
        {
          ...product,
          request_id: second.requestId,
          attempt: 2,
          status: 'passed',
          requested_at: at('2021-06-25T03:00:00.000Z'),
          due_at: at(second.dueAt),
          results: indicators,
          decided_at: at('2021-07-10T04:00:00.000Z'),
          last_event_position: passed.position,
          updated_at: at('2021-07-10T04:00:00.000Z'),
        },
      ]);
    });

    it('results not in by the due date: overdue, without results', async () => {
      const { journey, workflowId } = await aJourney({ productGroup: 'thuc-pham' });
      const requestId = `${workflowId}:lab:1`;
      const dueAt = '2021-07-01T02:00:00.000Z';
      await journey.step(
        'LabTestRequested',
        'awaiting_lab_test',
        dueAt,
        { requestId, attempt: 1, labId: 'lab:quatest-1', productGroup: 'thuc-pham' },
        'system:lab',
        '2021-06-10T02:00:00.000Z',
      );
      await journey.step(
        'LabTestFailed',
        'failed_lab_test',
        undefined,
        { requestId, attempt: 1, overdue: true, reason: `lab results overdue (${requestId})` },
        'system:deadline',
        dueAt,
      );

      const [row] = await db.query(`SELECT status, results, decided_at, due_at FROM lab_requests WHERE request_id = $1`, [requestId]);
      expect(row).toEqual({ status: 'overdue', results: null, decided_at: at(dueAt), due_at: at(dueAt) });
      expect(await db.query(`SELECT request_id FROM lab_requests WHERE lab_id = 'lab:quatest-1' AND status = 'overdue'`)).toEqual([
        { request_id: requestId },
      ]);
    });
  });

  describe('certificates and inspections', () => {
    it('a certificate takes its cycle year from the journey stream and its inspector from the first inspection request', async () => {
      const { journey, productId, organisationId } = await aJourney();
      const schedule = await certify(journey, 'LC-2021-0001', '2021-10-31T10:00:00.000Z');
      expect(await db.query(`SELECT cycle_year, inspector_id, supersedes FROM certificates WHERE certificate_no = 'LC-2021-0001'`)).toEqual(
        [{ cycle_year: 2021, inspector_id: null, supersedes: null }],
      );

      const certificate = new TestCertificate(recorder, 'LC-2021-0001');
      const [due1, due2] = schedule.inspectionsDue.map((d) => d.toISOString());
      const reportDue1 = addDays(at(due1!), 30).toISOString();
      const requested = await certificate.step(
        'InspectionRequested',
        'valid',
        { round: 1, dueAt: due1, reportDueAt: reportDue1, inspectorId: 'inspector:lao-cai' },
        'system:inspections',
        due1!,
      );
      expect(await db.query(`SELECT * FROM inspections WHERE certificate_no = 'LC-2021-0001'`)).toEqual([
        {
          certificate_no: 'LC-2021-0001',
          round: 1,
          inspector_id: 'inspector:lao-cai',
          product_id: productId,
          organisation_id: organisationId,
          province_code: 'lao-cai',
          status: 'requested',
          due_at: at(due1!),
          report_due_at: at(reportDue1),
          remediation_due_at: null,
          verdict: null,
          re_inspection_verdict: null,
          requested_at: at(due1!),
          last_event_position: requested.position,
          updated_at: at(due1!),
        },
      ]);
      await certificate.step(
        'ReminderSent',
        'valid',
        {
          step: 'inspection_report',
          kind: 'before',
          daysBefore: 7,
          scheduledFor: addDays(at(reportDue1), -7).toISOString(),
          dueAt: reportDue1,
          recipient: 'inspector:lao-cai',
        },
        'system:reminders',
        addDays(at(reportDue1), -7).toISOString(),
      );
      await certificate.step('InspectionPassed', 'valid', { round: 1, notes: 'Đạt' }, INSPECTOR, addDays(at(due1!), 10).toISOString());

      // Round 2: failed, then the re-inspection (the round's second report) fails too: revoked.
      const reportDue2 = addDays(at(due2!), 30).toISOString();
      const remediationDue = addDays(at(due2!), 35).toISOString();
      await certificate.step(
        'InspectionRequested',
        'valid',
        { round: 2, dueAt: due2, reportDueAt: reportDue2, inspectorId: 'inspector:lao-cai' },
        'system:inspections',
        due2!,
      );
      await certificate.step(
        'InspectionFailed',
        'remediation',
        { round: 2, notes: 'Nhãn mác sai', remediationDueAt: remediationDue },
        INSPECTOR,
        addDays(at(due2!), 5).toISOString(),
      );
      const revoked = await certificate.step(
        'CertificateRevoked',
        'revoked',
        { reason: 're-inspection failed (round 2)' },
        INSPECTOR,
        addDays(at(due2!), 20).toISOString(),
      );

      expect(
        await db.query(
          `SELECT round, status, verdict, re_inspection_verdict, remediation_due_at FROM inspections WHERE certificate_no = 'LC-2021-0001' ORDER BY round`,
        ),
      ).toEqual([
        { round: 1, status: 'passed', verdict: 'pass', re_inspection_verdict: null, remediation_due_at: null },
        { round: 2, status: 'revoked', verdict: 'fail', re_inspection_verdict: 'fail', remediation_due_at: at(remediationDue) },
      ]);
      expect(
        await db.query(
          `SELECT status, status_reason, inspector_id, cycle_year, last_event_position FROM certificates WHERE certificate_no = 'LC-2021-0001'`,
        ),
      ).toEqual([
        {
          status: 'revoked',
          status_reason: 're-inspection failed (round 2)',
          inspector_id: 'inspector:lao-cai',
          cycle_year: 2021,
          last_event_position: revoked.position,
        },
      ]);
    });

    it('missed reports: an overdue first report stays overdue; a missed re-inspection is revoked without a verdict', async () => {
      const { journey } = await aJourney();
      const schedule = await certify(journey, 'LC-2021-0002', '2021-11-02T10:00:00.000Z');
      const certificate = new TestCertificate(recorder, 'LC-2021-0002');
      const [due1, due2] = schedule.inspectionsDue.map((d) => d.toISOString());
      const reportDue1 = addDays(at(due1!), 30).toISOString();
      await certificate.step(
        'InspectionRequested',
        'valid',
        { round: 1, dueAt: due1, reportDueAt: reportDue1, inspectorId: 'inspector:vinacontrol' },
        'system:inspections',
        due1!,
      );
      await certificate.step(
        'InspectionReportOverdue',
        'valid',
        { dueAt: reportDue1, awaiting: 'inspection_report' },
        'system:deadline',
        reportDue1,
      );

      const reportDue2 = addDays(at(due2!), 30).toISOString();
      const remediationDue = addDays(at(due2!), 32).toISOString();
      await certificate.step(
        'InspectionRequested',
        'valid',
        { round: 2, dueAt: due2, reportDueAt: reportDue2, inspectorId: 'inspector:vinacontrol' },
        'system:inspections',
        due2!,
      );
      await certificate.step(
        'InspectionFailed',
        'remediation',
        { round: 2, notes: 'Kho bảo quản ẩm', remediationDueAt: remediationDue },
        'inspector:vc-user',
        addDays(at(due2!), 2).toISOString(),
      );
      await certificate.step(
        'InspectionReportOverdue',
        'remediation',
        { dueAt: remediationDue, awaiting: 're_inspection_report' },
        'system:deadline',
        remediationDue,
      );
      await certificate.step(
        'CertificateRevoked',
        'revoked',
        { reason: `remediation deadline ${remediationDue} missed` },
        'system:deadline',
        remediationDue,
      );

      expect(
        await db.query(
          `SELECT round, status, verdict, re_inspection_verdict FROM inspections WHERE certificate_no = 'LC-2021-0002' ORDER BY round`,
        ),
      ).toEqual([
        { round: 1, status: 'overdue', verdict: null, re_inspection_verdict: null },
        { round: 2, status: 'revoked', verdict: 'fail', re_inspection_verdict: null },
      ]);
      expect(
        await db.query(`SELECT certificate_no, round FROM inspections WHERE inspector_id = 'inspector:vinacontrol' AND status = 'overdue'`),
      ).toEqual([{ certificate_no: 'LC-2021-0002', round: 1 }]);
    });

    it('a passed re-inspection restores the round; a re-evaluation certificate names the one it supersedes', async () => {
      const { journey, productId } = await aJourney({ name: 'Quế hữu cơ Văn Bàn', districtCode: 'van-ban' });
      const schedule = await certify(journey, 'LC-2021-0003', '2021-11-05T10:00:00.000Z');
      const certificate = new TestCertificate(recorder, 'LC-2021-0003');
      const due1 = schedule.inspectionsDue[0]!.toISOString();
      await certificate.step(
        'InspectionRequested',
        'valid',
        { round: 1, dueAt: due1, reportDueAt: addDays(at(due1), 30).toISOString(), inspectorId: 'inspector:lao-cai' },
        'system:inspections',
        due1,
      );
      await certificate.step(
        'InspectionFailed',
        'remediation',
        { round: 1, notes: 'Thiếu hồ sơ truy xuất', remediationDueAt: addDays(at(due1), 40).toISOString() },
        INSPECTOR,
        addDays(at(due1), 10).toISOString(),
      );
      await certificate.step(
        'InspectionPassed',
        'valid',
        { round: 1, reInspection: true, notes: 'Đã khắc phục' },
        INSPECTOR,
        addDays(at(due1), 30).toISOString(),
      );
      expect(
        await db.query(`SELECT status, verdict, re_inspection_verdict FROM inspections WHERE certificate_no = 'LC-2021-0003'`),
      ).toEqual([{ status: 'passed', verdict: 'fail', re_inspection_verdict: 'pass' }]);

      // Re-evaluated in the 2024 cycle: the new certificate supersedes the old one.
      const { journey: again } = await aJourney({ productId, year: 2024, name: 'Quế hữu cơ Văn Bàn', districtCode: 'van-ban' });
      await certify(again, 'LC-2024-0007', '2024-10-30T10:00:00.000Z', { supersedes: 'LC-2021-0003', inspectorId: 'inspector:quatest-1' });
      await certificate.step(
        'CertificateSuperseded',
        'superseded',
        { supersededBy: 'LC-2024-0007', newStars: 4 },
        'system:re-evaluation',
        '2024-10-30T10:00:00.000Z',
      );
      expect(
        await db.query(
          `SELECT certificate_no, cycle_year, supersedes, superseded_by, inspector_id, status FROM certificates WHERE product_id = $1 ORDER BY certificate_no`,
          [productId],
        ),
      ).toEqual([
        {
          certificate_no: 'LC-2021-0003',
          cycle_year: 2021,
          supersedes: null,
          superseded_by: 'LC-2024-0007',
          inspector_id: 'inspector:lao-cai',
          status: 'superseded',
        },
        {
          certificate_no: 'LC-2024-0007',
          cycle_year: 2024,
          supersedes: 'LC-2021-0003',
          superseded_by: null,
          inspector_id: 'inspector:quatest-1',
          status: 'valid',
        },
      ]);
    });
  });

  it('a stream timeline (WHERE stream_id ORDER BY stream_seq) is served by uq_events_stream_seq, without a sort', async () => {
    const plan = await db.transaction(async (m) => {
      // A tiny table would be scanned whole: rule out the scans that cannot keep the index order, as a big log does.
      await m.query(`SET LOCAL enable_seqscan = off`);
      await m.query(`SET LOCAL enable_bitmapscan = off`);
      const [row] = await m.query(
        `EXPLAIN (FORMAT JSON) SELECT * FROM events WHERE stream_id = 'certificate:LC-2021-0001' ORDER BY stream_seq`,
      );
      return JSON.stringify(row['QUERY PLAN']);
    });
    expect(plan).toContain('"Index Name":"uq_events_stream_seq"');
    expect(plan).not.toContain('"Node Type":"Sort"');
  });

  describe('rebuild', () => {
    const snapshot = async () => {
      const tables: Record<string, unknown[]> = {};
      for (const table of READ_MODEL_TABLES) tables[table] = await db.query(`SELECT * FROM ${table} t ORDER BY t::text`);
      return tables;
    };

    it('every read model is rebuilt, and nothing outside them references them by a foreign key (a rebuild truncates them)', async () => {
      expect(READ_MODEL_TABLES).toEqual(
        expect.arrayContaining([
          'organisations',
          'cycles',
          'sessions',
          'certificates',
          'lab_requests',
          'inspections',
          'products',
          'cycle_progress',
        ]),
      );
      const references = await db.query(
        `SELECT conname FROM pg_constraint WHERE contype = 'f' AND confrelid::regclass::text = ANY($1) AND NOT (conrelid::regclass::text = ANY($1))`,
        [[...READ_MODEL_TABLES]],
      );
      expect(references).toEqual([]);
    });

    it('replaying the log gives rows identical to the live read models, whatever the tables held before', async () => {
      const live = await snapshot();
      for (const table of ['organisations', 'cycles', 'sessions', 'lab_requests', 'inspections', 'certificates'] as const)
        expect(live[table]!.length).toBeGreaterThan(0);

      // Drift the tables (a stray row, lost rows, changed columns): the rebuild must not depend on what is there.
      await db.query(
        `INSERT INTO organisations (organisation_id, name, producer_type, province_code, district_code) VALUES ($1, 'stray', 'htx', 'lao-cai', 'bac-ha')`,
        [randomUUID()],
      );
      await db.query(`UPDATE organisations SET founded_year = 1999`);
      await db.query(`DELETE FROM cycles`);
      await db.query(`UPDATE sessions SET member_ids = '{}', chair_id = NULL`);
      await db.query(`UPDATE certificates SET inspector_id = 'tampered', cycle_year = NULL`);
      await db.query(`DELETE FROM lab_requests WHERE status = 'passed'`);
      await db.query(`UPDATE inspections SET status = 'requested'`);

      const result = await new ProjectionRebuilder(db, new EventStore(), createProjections()).rebuild({ batchSize: 7 });
      expect(result.applied).toBe(result.total);
      expect(await snapshot()).toEqual(live);
    });
  });
});
