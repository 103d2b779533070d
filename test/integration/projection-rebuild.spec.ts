import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NewEvent } from '@ocop/contracts';
import { addDays, certificateSchedule, defaultCycleCalendar } from '@ocop/domain';
import { createProjections, EventRecorder, EventStore, ProjectionRebuilder, READ_MODEL_SPECS, READ_MODEL_TABLES } from '@ocop/persistence';
import { projectionsOn } from '../support/activities';
import { openTestDatabase } from '../support/database';
import { TestCertificate, TestJourney, TestStream } from '../support/event-streams';
import { createOwnDatabase } from '../support/own-database';
import { ReplayStore } from '../../libs/persistence/src/projections/replay-store';

/**
 * A rebuild (the projections replayed in memory over the whole log, the tables written in bulk) gives the rows the
 * live projections gave event by event: every read model, fed with every event type a projection handles, edge
 * cases included (retests, re-inspections, superseded certificates, moved dates, sessions with members, counters
 * that fell to zero, events about rows that do not exist). A database of this file's own: a rebuild truncates.
 */
describe('projection rebuild gives the live read models', () => {
  let own: Awaited<ReturnType<typeof createOwnDatabase>>;
  let db: DataSource;
  let recorder: EventRecorder;

  beforeAll(async () => {
    own = await createOwnDatabase();
    db = await openTestDatabase(own.url);
    recorder = projectionsOn(db).recorder;
    await recordEverything();
  });
  afterAll(async () => {
    await db?.destroy();
    await own?.drop();
  });

  const rebuilder = () => new ProjectionRebuilder(db, new EventStore(), createProjections());
  const snapshot = async () => {
    const tables: Record<string, unknown[]> = {};
    for (const table of READ_MODEL_TABLES) tables[table] = await db.query(`SELECT * FROM ${table} t ORDER BY t::text`);
    return tables;
  };

  const COORDINATOR = 'provincial_coordinator:coord-province';
  const INSPECTOR = 'inspector:inspector-user';
  const DISTRICTS = ['bac-ha', 'bat-xat', 'muong-khuong', 'van-ban'];
  const GROUPS = ['thuc-pham', 'do-uong', 'thao-duoc'];
  const t = (day: number, hour = 2) => new Date(Date.UTC(2021, 0, 1 + day, hour)).toISOString();

  async function journey(i: number, options: { productId?: string; year?: number; organisationId?: string } = {}) {
    const productId = options.productId ?? randomUUID();
    const year = options.year ?? 2021;
    const j = new TestJourney(recorder, `product:${productId}:${year}`);
    await j.step(
      'IdeaSubmitted',
      'awaiting_idea_review',
      `${year}-03-20T16:59:59.999Z`,
      {
        productId,
        organisationId: options.organisationId ?? randomUUID(),
        name: `Sản phẩm ${i}`,
        productGroup: GROUPS[i % GROUPS.length],
        districtCode: DISTRICTS[i % DISTRICTS.length],
        provinceCode: 'lao-cai',
        cycleYear: year,
        ruleSet: 'QD1048-2019',
        workflowId: j.streamId,
      },
      'producer:producer-user',
      year === 2021 ? t(60 + i) : `${year}-03-01T08:00:00.000Z`,
    );
    return { j, productId, workflowId: j.streamId };
  }

  async function recordEverything() {
    // Organisations: full and bare, one registered again with other facts, one written the old way first.
    const orgs = [randomUUID(), randomUUID(), randomUUID()];
    const firstOrg = new TestStream(recorder, `organisation:${orgs[0]}`);
    await firstOrg.record(
      'OrganisationRegistered',
      {
        organisationId: orgs[0],
        name: 'HTX Dược liệu "Sín Chéng" \\ {1,2} NULL',
        producerType: 'htx',
        provinceCode: 'lao-cai',
        districtCode: 'si-ma-cai',
        foundedYear: 2019,
        taxCode: '5300123456',
        contactEmail: 'a@example.vn',
      },
      COORDINATOR,
      t(10),
    );
    const again = new TestStream(recorder, `organisation:${orgs[1]}`);
    await again.record(
      'OrganisationRegistered',
      { name: 'Hộ Chè Ý Tý', producerType: 'ho-kinh-doanh', provinceCode: 'lao-cai', districtCode: 'bat-xat' },
      COORDINATOR,
      t(11),
    );
    await again.record(
      'OrganisationRegistered',
      {
        organisationId: orgs[1]!.toUpperCase(),
        name: 'Hộ kinh doanh Chè Ý Tý',
        producerType: 'ho-kinh-doanh',
        provinceCode: 'lao-cai',
        districtCode: 'bat-xat',
        foundedYear: 2020,
      },
      COORDINATOR,
      t(12),
    );
    await db.query(
      `INSERT INTO organisations (organisation_id, name, producer_type, province_code, district_code) VALUES ($1, 'old', 'htx', 'lao-cai', 'van-ban')`,
      [orgs[2]],
    );
    await new TestStream(recorder, `organisation:${orgs[2]}`).record(
      'OrganisationRegistered',
      {
        organisationId: orgs[2],
        name: 'HTX Quế Văn Bàn',
        producerType: 'htx',
        provinceCode: 'lao-cai',
        districtCode: 'van-ban',
        foundedYear: 2012,
      },
      COORDINATOR,
      t(13),
    );

    // Contact details changed: some fields set, then one cleared and another set; a change to an organisation that
    // does not exist changes nothing.
    await firstOrg.record(
      'OrganisationContactChanged',
      { organisationId: orgs[0], contactPhone: '0214 3880 123', address: 'Xã Sín Chéng, huyện Si Ma Cai', representative: 'Lù Văn A' },
      'producer:producer-user',
      t(14),
    );
    await firstOrg.record(
      'OrganisationContactChanged',
      { organisationId: orgs[0], contactEmail: null, representative: 'Giàng Thị B' },
      COORDINATOR,
      t(15),
    );
    const nowhere = randomUUID();
    await new TestStream(recorder, `organisation:${nowhere}`).record(
      'OrganisationContactChanged',
      { organisationId: nowhere, contactPhone: '0912345678' },
      COORDINATOR,
      t(15),
    );

    // The 2025 map: an organisation registered with its old address converted (commune, old commune and district),
    // then moved to another commune (OrganisationPlaced); a placement of an organisation that does not exist changes
    // nothing; a commune cycle's product carries its commune and the certificate it re-evaluates.
    const placed = randomUUID();
    const placedOrg = new TestStream(recorder, `organisation:${placed}`);
    await placedOrg.record(
      'OrganisationRegistered',
      {
        organisationId: placed,
        name: 'HTX Mận Bảo Nhai',
        producerType: 'htx',
        provinceCode: 'lao-cai',
        districtCode: 'bac-ha',
        address: 'Xã Bảo Nhai, Huyện Bắc Hà, Tỉnh Lào Cai',
        communeCode: '02890',
        legacyCommuneCode: '02890',
        legacyDistrictCode: '085',
      },
      COORDINATOR,
      t(16),
    );
    await placedOrg.record(
      'OrganisationPlaced',
      { organisationId: placed, communeCode: '02839', legacyCommuneCode: '02890', legacyDistrictCode: '085' },
      COORDINATOR,
      t(17),
    );
    const unplaced = randomUUID();
    await new TestStream(recorder, `organisation:${unplaced}`).record(
      'OrganisationPlaced',
      { organisationId: unplaced, communeCode: '02839' },
      COORDINATOR,
      t(17),
    );
    const communeProduct = randomUUID();
    await new TestJourney(recorder, `product:${communeProduct}:2026`).record(
      'IdeaSubmitted',
      {
        productId: communeProduct,
        organisationId: placed,
        name: 'Mận tam hoa sấy',
        productGroup: 'thuc-pham',
        districtCode: '085',
        provinceCode: '15',
        communeCode: '02839',
        previousCertificateNo: 'LC-2023-0001',
        cycleYear: 2026,
        ruleSet: 'QD1489-2025',
        workflowId: `product:${communeProduct}:2026`,
      },
      'producer:producer-user',
      t(18),
    );

    // Cycles: opened (with and without a compressed day, without targets), dates moved twice, a reminder; a move
    // of a cycle never opened changes nothing.
    const cycle = new TestStream(recorder, 'cycle:lao-cai:2021');
    const calendar = defaultCycleCalendar(2021);
    await cycle.record(
      'CycleOpened',
      { provinceCode: 'lao-cai', year: 2021, ruleSet: 'QD1048-2019', calendar, targets: { newCertifiedProducts: 30 }, dayLengthMs: 1000 },
      COORDINATOR,
      t(5),
    );
    await cycle.record(
      'ReminderSent',
      {
        step: 'ideaWindowClosesAt',
        kind: 'before',
        daysBefore: 7,
        dueAt: calendar.ideaWindowClosesAt,
        recipient: 'province:lao-cai:producers',
      },
      'system:reminders',
      t(70),
    );
    await cycle.record(
      'CycleDateMoved',
      { window: 'dossierDueAt', calendar: { ...calendar, dossierDueAt: '2021-06-15T16:59:59.999Z' } },
      COORDINATOR,
      t(80),
    );
    await cycle.record(
      'CycleDateMoved',
      { window: 'dossierDueAt', calendar: { ...calendar, dossierDueAt: '2021-06-20T16:59:59.999Z' } },
      COORDINATOR,
      t(81),
    );
    await new TestStream(recorder, 'cycle:lao-cai:2024').record(
      'CycleOpened',
      { provinceCode: 'lao-cai', year: 2024, ruleSet: 'QD148-2023', calendar: defaultCycleCalendar(2024) },
      'system:cycle',
      '2024-01-03T02:00:00.000Z',
    );
    await new TestStream(recorder, 'cycle:ha-giang:2021').record('CycleDateMoved', { calendar }, COORDINATOR, t(82));

    // Sessions: with a council (entered, scored, not scored, closed), without members; events of an unknown session.
    const members = [1, 2, 3].map((n) => ({ memberId: `cm-${n}`, name: `Thành viên "${n}" \\ {,}` }));
    const session = new TestStream(recorder, 'session:district-bac-ha-2021-1');
    await session.record(
      'SessionOpened',
      {
        status: 'open',
        level: 'district',
        areaCode: 'bac-ha',
        provinceCode: 'lao-cai',
        cycleYear: 2021,
        sessionDate: t(150),
        members,
        chairId: 'cm-1',
      },
      'district_coordinator:coord-bac-ha',
      t(140),
    );
    const bare = new TestStream(recorder, 'session:province-2021-1');
    await bare.record(
      'SessionOpened',
      { status: 'open', level: 'province', areaCode: 'lao-cai', provinceCode: 'lao-cai', cycleYear: 2021, sessionDate: t(200) },
      COORDINATOR,
      t(190),
    );
    await new TestStream(recorder, 'session:never-opened').record(
      'ProductEntered',
      { status: 'open', productId: randomUUID() },
      'system:session',
      t(141),
    );

    // Journeys: every path a product takes, each leaving counters behind (some fall to zero).
    const js = [];
    for (let i = 0; i < 12; i += 1) js.push(await journey(i));
    const [rejected, withdrawn, revised, notQualified, labRetest, labOverdue, certified1, certified2, certified3, waiting, , changes] = js;
    await rejected!.j.step(
      'IdeaRejected',
      'rejected',
      undefined,
      { reason: 'Không phải sản phẩm đặc trưng' },
      'district_coordinator:coord',
      t(90),
    );
    await withdrawn!.j.step('IdeaAccepted', 'business_plan_due', t(120), {}, 'district_coordinator:coord', t(90));
    await withdrawn!.j.step(
      'ReminderSent',
      'business_plan_due',
      t(120),
      { step: 'business_plan', kind: 'before', daysBefore: 7 },
      'system:reminders',
      t(113),
    );
    await withdrawn!.j.step('ProductWithdrawn', 'withdrawn', undefined, { reason: 'Tạm dừng sản xuất' }, 'producer:producer-user', t(115));
    await revised!.j.step(
      'IdeaChangesRequested',
      'changes_requested',
      t(100),
      { reason: 'Nêu rõ vùng nguyên liệu' },
      'district_coordinator:coord',
      t(91),
    );
    await revised!.j.step(
      'IdeaRevised',
      'awaiting_idea_review',
      undefined,
      { newName: 'Sản phẩm 2 (sửa)', note: 'đã sửa' },
      'producer:producer-user',
      t(95),
    );
    await changes!.j.step('IdeaChangesRequested', 'changes_requested', t(100), { reason: 'Bổ sung' }, 'district_coordinator:coord', t(92));
    await changes!.j.record(
      'ReminderSent',
      { step: 'idea_changes', kind: 'before', daysBefore: 3, dueAt: t(100) },
      'system:reminders',
      t(97),
    );
    for (const x of [notQualified, labRetest, labOverdue, certified1, certified2, certified3, waiting]) {
      await x!.j.step('IdeaAccepted', 'business_plan_due', t(120), {}, 'district_coordinator:coord', t(90));
      await x!.j.step('BusinessPlanSubmitted', 'dossier_due', t(130), { summary: 'PA' }, 'producer:producer-user', t(100));
      await x!.j.step(
        'DossierSubmitted',
        'awaiting_district_session',
        undefined,
        { selfAssessment: { A: 25 } },
        'producer:producer-user',
        t(110),
      );
      await x!.j.step(
        'EnteredSession',
        'awaiting_district_session',
        undefined,
        { sessionId: 'district-bac-ha-2021-1', level: 'district' },
        'system:session',
        t(142),
      );
      await session.record(
        'ProductEntered',
        { status: 'open', productId: x!.productId, workflowId: x!.workflowId },
        'system:session',
        t(142),
      );
    }
    await waiting!.j.step(
      'LeftSession',
      'awaiting_district_session',
      undefined,
      { sessionId: null, missedSessionId: 'district-bac-ha-2021-1', level: 'district' },
      'system:session',
      t(151),
    );
    await session.record('ProductScored', { status: 'open', productId: waiting!.productId, outcome: 'missed' }, 'system:session', t(151));
    for (const x of [notQualified, labRetest, labOverdue, certified1, certified2, certified3]) {
      await session.record(
        'ProductScored',
        { status: 'open', productId: x!.productId, outcome: 'scored', mean: 70 },
        'system:session',
        t(150),
      );
    }
    await session.record(
      'SessionClosed',
      { status: 'closed', presentMemberIds: ['cm-1', 'cm-2'], scored: 6, missing: 1 },
      'system:session',
      t(150, 10),
    );
    await notQualified!.j.step(
      'DistrictScored',
      'not_qualified',
      undefined,
      { mean: 40, outcome: 'not_qualified' },
      'system:council',
      t(150),
    );
    await notQualified!.j.step('NotQualified', 'not_qualified', undefined, { reason: 'mean below 50' }, 'system:council', t(150));

    // Lab: failed, retested, passed; results overdue; a verdict for a request never made.
    const first = `${labRetest!.workflowId}:lab:1`;
    const second = `${labRetest!.workflowId}:lab:2`;
    await labRetest!.j.step('DistrictScored', 'awaiting_lab_test', t(160), { mean: 70 }, 'system:council', t(150));
    await labRetest!.j.step(
      'LabTestRequested',
      'awaiting_lab_test',
      t(160),
      { requestId: first, attempt: 1, labId: 'lab:lao-cai', productGroup: 'do-uong' },
      'system:lab',
      t(150),
    );
    await labRetest!.j.step(
      'LabTestFailed',
      'awaiting_lab_test',
      t(160),
      { requestId: first, attempt: 1, failedIndicators: ['methanol'], retestAllowed: true },
      'lab:lab-user',
      t(155),
    );
    await labRetest!.j.step(
      'LabTestRequested',
      'awaiting_lab_test',
      t(170),
      { requestId: second, attempt: 2, labId: 'lab:lao-cai' },
      'system:lab',
      t(155),
    );
    await labRetest!.j.step(
      'LabTestPassed',
      'awaiting_lab_test',
      t(170),
      { requestId: second, attempt: 2, indicators: [{ indicator: 'methanol', value: '0.02', passed: true }] },
      'lab:lab-user',
      t(165),
    );
    await labRetest!.j.step('ForwardedToLevel', 'awaiting_province_session', undefined, { to: 'province' }, 'system:lab', t(165));
    const overdue = `${labOverdue!.workflowId}:lab:1`;
    await labOverdue!.j.step(
      'LabTestRequested',
      'awaiting_lab_test',
      t(160),
      { requestId: overdue, attempt: 1, labId: 'lab:quatest-1', productGroup: 'thuc-pham' },
      'system:lab',
      t(150),
    );
    await labOverdue!.j.step(
      'LabTestFailed',
      'failed_lab_test',
      undefined,
      { requestId: overdue, attempt: 1, overdue: true, reason: 'lab results overdue' },
      'system:deadline',
      t(160),
    );
    await labOverdue!.j.record('LabTestPassed', { requestId: 'never-requested', attempt: 1 }, 'lab:lab-user', t(161));
    // A journey event on a stream without a product changes nothing.
    await new TestJourney(recorder, `product:${randomUUID()}:2021`).step(
      'IdeaAccepted',
      'business_plan_due',
      undefined,
      {},
      'district_coordinator:coord',
      t(90),
    );

    // Certificates: issued (stars and certificate in one transaction), inspected round by round.
    const certify = async (x: { j: TestJourney }, no: string, issuedAt: string, extra: Record<string, unknown> = {}) => {
      const schedule = certificateSchedule(new Date(issuedAt));
      const events: NewEvent[] = [
        {
          eventId: randomUUID(),
          streamId: x.j.streamId,
          streamSeq: 0,
          type: 'StarsRecognised',
          payload: { stage: 'awaiting_province_session', level: 'province', stars: 4 },
          actor: 'system:council',
          occurredAt: issuedAt,
        },
        {
          eventId: randomUUID(),
          streamId: x.j.streamId,
          streamSeq: 0,
          type: 'CertificateIssued',
          payload: {
            stage: 'certified',
            stars: 4,
            certificateNo: no,
            level: 'province',
            issuedAt: schedule.issuedAt.toISOString(),
            expiresAt: schedule.expiresAt.toISOString(),
            ...extra,
          },
          actor: 'system:certification',
          occurredAt: issuedAt,
        },
      ];
      const [{ seq }] = await db.query(`SELECT coalesce(max(stream_seq), 0)::int AS seq FROM events WHERE stream_id = $1`, [x.j.streamId]);
      await recorder.record(events.map((e, k) => ({ ...e, streamSeq: seq + 1 + k })));
      (x.j as unknown as { seq: number }).seq = seq + 2;
      return schedule.inspectionsDue.map((d) => d.toISOString());
    };
    for (const x of [certified1, certified2, certified3])
      await x!.j.step('DistrictScored', 'awaiting_province_session', undefined, { mean: 80 }, 'system:council', t(150));
    const [due1a, due1b] = await certify(certified1!, 'LC-2021-0001', t(300));
    const [due2a, due2b] = await certify(certified2!, 'LC-2021-0002', t(301), { inspectorId: 'inspector:vinacontrol' });
    const [due3a] = await certify(certified3!, 'LC-2021-0003', t(302));
    const at = (iso: string, days: number) => addDays(new Date(iso), days).toISOString();

    // 0001: round 1 passed; round 2 failed, the re-inspection failed too: revoked by the inspector.
    const c1 = new TestCertificate(recorder, 'LC-2021-0001');
    await c1.step(
      'InspectionRequested',
      'valid',
      { round: 1, dueAt: due1a, reportDueAt: at(due1a!, 30), inspectorId: 'inspector:lao-cai' },
      'system:inspections',
      due1a!,
    );
    await c1.step(
      'ReminderSent',
      'valid',
      { step: 'inspection_report', kind: 'before', daysBefore: 7, dueAt: at(due1a!, 30) },
      'system:reminders',
      at(due1a!, 23),
    );
    await c1.step('InspectionPassed', 'valid', { round: 1, notes: 'Đạt' }, INSPECTOR, at(due1a!, 10));
    await c1.step(
      'InspectionRequested',
      'valid',
      { round: 2, dueAt: due1b, reportDueAt: at(due1b!, 30), inspectorId: 'inspector:other' },
      'system:inspections',
      due1b!,
    );
    await c1.step('InspectionFailed', 'remediation', { round: 2, remediationDueAt: at(due1b!, 35) }, INSPECTOR, at(due1b!, 5));
    await c1.step('CertificateRevoked', 'revoked', { reason: 're-inspection failed (round 2)' }, INSPECTOR, at(due1b!, 20));
    // 0002: round 1 overdue (a late revocation attempt changes nothing); round 2 failed, remediation missed: revoked by the deadline.
    const c2 = new TestCertificate(recorder, 'LC-2021-0002');
    await c2.step('InspectionRequested', 'valid', { round: 1, dueAt: due2a, reportDueAt: at(due2a!, 30) }, 'system:inspections', due2a!);
    await c2.step(
      'InspectionReportOverdue',
      'valid',
      { dueAt: at(due2a!, 30), awaiting: 'inspection_report' },
      'system:deadline',
      at(due2a!, 30),
    );
    await c2.step('InspectionPassed', 'valid', { round: 7, notes: 'no such round' }, INSPECTOR, at(due2a!, 31));
    await c2.step(
      'InspectionRequested',
      'valid',
      { round: 2, dueAt: due2b, reportDueAt: at(due2b!, 30), inspectorId: 'inspector:vinacontrol' },
      'system:inspections',
      due2b!,
    );
    await c2.step('InspectionFailed', 'remediation', { round: 2, remediationDueAt: at(due2b!, 32) }, 'inspector:vc-user', at(due2b!, 2));
    await c2.step(
      'InspectionReportOverdue',
      'remediation',
      { dueAt: at(due2b!, 32), awaiting: 're_inspection_report' },
      'system:deadline',
      at(due2b!, 32),
    );
    await c2.step('CertificateRevoked', 'revoked', { reason: 'remediation deadline missed' }, 'system:deadline', at(due2b!, 32));
    await c2.step('InspectionReportOverdue', 'revoked', { dueAt: at(due2b!, 40) }, 'system:deadline', at(due2b!, 40));
    // 0003: failed, re-inspection passed; then re-evaluated in 2024 (superseded), the new certificate expires.
    const c3 = new TestCertificate(recorder, 'LC-2021-0003');
    await c3.step(
      'InspectionRequested',
      'valid',
      { round: 1, dueAt: due3a, reportDueAt: at(due3a!, 30), inspectorId: 'inspector:lao-cai' },
      'system:inspections',
      due3a!,
    );
    await c3.step('InspectionFailed', 'remediation', { round: 1, remediationDueAt: at(due3a!, 40) }, INSPECTOR, at(due3a!, 10));
    await c3.step('InspectionPassed', 'valid', { round: 1, reInspection: true, notes: 'Đã khắc phục' }, INSPECTOR, at(due3a!, 30));
    const later = await journey(3, { productId: certified3!.productId, year: 2024 });
    await later.j.step(
      'DistrictScored',
      'awaiting_province_session',
      undefined,
      { mean: 85 },
      'system:council',
      '2024-06-01T02:00:00.000Z',
    );
    await certify(later, 'LC-2024-0007', '2024-10-30T10:00:00.000Z', { supersedes: 'LC-2021-0003', inspectorId: 'inspector:quatest-1' });
    await c3.step(
      'CertificateSuperseded',
      'superseded',
      { supersededBy: 'LC-2024-0007', newStars: 4 },
      'system:re-evaluation',
      '2024-10-30T10:00:00.000Z',
    );
    await new TestCertificate(recorder, 'LC-2024-0007').step(
      'CertificateExpired',
      'expired',
      { reason: 'expired' },
      'system:deadline',
      '2027-10-30T10:00:00.000Z',
    );
    await new TestCertificate(recorder, 'LC-1999-0404').step(
      'CertificateRevoked',
      'revoked',
      { reason: 'unknown certificate' },
      'system:deadline',
      t(400),
    );
    // An event of another kind entirely (no read model) and a reminder on a session.
    await new TestStream(recorder, `user:${randomUUID()}`).record(
      'UserCreated',
      { username: 'someone', role: 'admin' },
      'admin:root',
      t(1),
    );
    await session.record('ReminderSent', { status: 'closed', step: 'minutes' }, 'system:reminders', t(152));
    // Documents: two attached, one removed (its row stays, marked); a removal of a document never uploaded; decisions, one corrected.
    const documents = new TestStream(recorder, `documents:${certified3!.productId}`);
    const [d1, d2] = [randomUUID(), randomUUID()];
    const sha = (c: string) => c.repeat(64);
    await documents.record(
      'DocumentUploaded',
      {
        documentId: d1,
        productId: certified3!.productId,
        kind: 'business_registration',
        sha256: sha('a'),
        fileName: 'Giấy ĐKKD "HTX".pdf',
        contentType: 'application/pdf',
        sizeBytes: 1234,
      },
      'producer:producer-user',
      t(70),
    );
    await documents.record(
      'DocumentUploaded',
      {
        documentId: d2,
        productId: certified3!.productId,
        kind: 'lab_report',
        subjectId: 'lab:1',
        sha256: sha('b'),
        fileName: 'phieu.pdf',
        contentType: 'application/pdf',
        sizeBytes: 99,
      },
      'lab:lab-user',
      t(71),
    );
    await documents.record('DocumentRemoved', { documentId: d1, productId: certified3!.productId }, 'producer:producer-user', t(72));
    await documents.record(
      'DocumentRemoved',
      { documentId: randomUUID(), productId: certified3!.productId },
      'producer:producer-user',
      t(73),
    );
    const decision = new TestStream(recorder, 'certificate-decision:LC-2021-0003');
    await decision.record(
      'CertificateDecisionRecorded',
      { certificateNo: 'LC-2021-0003', decisionNo: '1234/QĐ-UBND', decisionDate: '2021-11-30' },
      COORDINATOR,
      t(330),
    );
    await decision.record(
      'CertificateDecisionRecorded',
      { certificateNo: 'LC-2021-0003', decisionNo: '1235/QĐ-UBND', decisionDate: '2021-12-01' },
      COORDINATOR,
      t(331),
    );
  }

  it('the live read models hold what the scenario covers (zero counters included)', async () => {
    const live = await snapshot();
    for (const table of READ_MODEL_TABLES) expect(live[table]!.length).toBeGreaterThan(0);
    const [zero] = await db.query(`SELECT count(*)::int AS n FROM cycle_progress WHERE products = 0`);
    expect(zero.n).toBeGreaterThan(0);
    expect(
      await db.query(
        `SELECT certificate_no, round, status, verdict, re_inspection_verdict FROM inspections ORDER BY certificate_no, round`,
      ),
    ).toEqual([
      { certificate_no: 'LC-2021-0001', round: 1, status: 'passed', verdict: 'pass', re_inspection_verdict: null },
      { certificate_no: 'LC-2021-0001', round: 2, status: 'revoked', verdict: 'fail', re_inspection_verdict: 'fail' },
      { certificate_no: 'LC-2021-0002', round: 1, status: 'overdue', verdict: null, re_inspection_verdict: null },
      { certificate_no: 'LC-2021-0002', round: 2, status: 'revoked', verdict: 'fail', re_inspection_verdict: null },
      { certificate_no: 'LC-2021-0003', round: 1, status: 'passed', verdict: 'fail', re_inspection_verdict: 'pass' },
    ]);
    expect(await db.query(`SELECT status, products_entered, products_scored, member_ids FROM sessions ORDER BY session_id`)).toEqual([
      { status: 'closed', products_entered: 7, products_scored: 6, member_ids: ['cm-1', 'cm-2', 'cm-3'] },
      { status: 'open', products_entered: 0, products_scored: 0, member_ids: [] },
    ]);
  });

  it('places organisations and products on the 2025 map: registration, OrganisationPlaced, a commune cycle’s product', async () => {
    expect(
      await db.query(
        `SELECT commune_code, legacy_commune_code, legacy_district_code, address FROM organisations WHERE name = 'HTX Mận Bảo Nhai'`,
      ),
    ).toEqual([
      {
        commune_code: '02839',
        legacy_commune_code: '02890',
        legacy_district_code: '085',
        address: 'Xã Bảo Nhai, Huyện Bắc Hà, Tỉnh Lào Cai',
      },
    ]);
    expect(await db.query(`SELECT commune_code, previous_certificate_no FROM products WHERE name = 'Mận tam hoa sấy'`)).toEqual([
      { commune_code: '02839', previous_certificate_no: 'LC-2023-0001' },
    ]);
  });

  it('the projected tables are the migrations’ tables, column for column', async () => {
    expect(READ_MODEL_SPECS.map((s) => s.name).sort()).toEqual([...READ_MODEL_TABLES].sort());
    for (const spec of READ_MODEL_SPECS) {
      const columns: { column_name: string; type: string }[] = await db.query(
        `SELECT column_name, format_type(atttypid, atttypmod) AS type FROM information_schema.columns c
           JOIN pg_attribute a ON a.attrelid = c.table_name::regclass AND a.attname = c.column_name
          WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name`,
        [spec.name],
      );
      const types: Record<string, string> = {
        text: 'text',
        uuid: 'uuid',
        integer: 'integer',
        bigint: 'bigint',
        timestamptz: 'timestamp with time zone',
        jsonb: 'jsonb',
        'text[]': 'text[]',
      };
      expect(Object.fromEntries(columns.map((c) => [c.column_name, c.type]))).toEqual(
        Object.fromEntries(Object.entries(spec.columns).map(([c, type]) => [c, types[type]])),
      );
    }
  });

  it.each([1, 3, 50, undefined])(
    'replaying the log (batches of %p) gives rows identical to the live read models, whatever the tables held',
    async (batchSize) => {
      const live = await snapshot();
      await db.query(
        `INSERT INTO organisations (organisation_id, name, producer_type, province_code, district_code) VALUES ($1, 'stray', 'htx', 'lao-cai', 'bac-ha')`,
        [randomUUID()],
      );
      await db.query(`UPDATE products SET stage = 'tampered'`);
      await db.query(`DELETE FROM cycle_progress WHERE products = 0`);
      await db.query(`DELETE FROM inspections`);
      const progress: { applied: number; total: number }[] = [];
      const result = await rebuilder().rebuild({ batchSize, onProgress: (p) => progress.push(p) });
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM events`);
      expect(result).toEqual({ applied: n, total: n });
      expect(progress.at(-1)).toEqual(result);
      if (batchSize) expect(progress).toHaveLength(Math.ceil(n / batchSize));
      expect(progress.map((p) => p.applied)).toEqual([...progress.map((p) => p.applied)].sort((a, b) => a - b));
      expect(await snapshot()).toEqual(live);
    },
  );

  it('writes tables of many rows in chunks, array columns included (sessions: within the 65,535 parameters of a statement)', async () => {
    const store = new ReplayStore(createProjections().rules);
    for (let i = 0; i < 5000; i += 1) {
      store.apply({
        streamId: `session:bulk-${i}`,
        type: 'SessionOpened',
        payload: {
          status: 'open',
          level: 'district',
          areaCode: 'bac-ha',
          provinceCode: 'lao-cai',
          cycleYear: 2021,
          sessionDate: t(150),
          members: [{ memberId: `m-${i}`, name: 'Tên "trích" \\ dẫn' }, { memberId: null }],
          chairId: `m-${i}`,
        },
        actor: 'system:test',
        occurredAt: t(140),
        position: String(1_000_000 + i),
      });
    }
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await store.write(
        runner.manager,
        READ_MODEL_SPECS.filter((s) => s.name === 'sessions'),
      );
      const [row] = await runner.manager.query(
        `SELECT count(*)::int AS n, min(member_ids::text) AS ids, min(members::text) AS members FROM sessions WHERE session_id LIKE 'bulk-%'`,
      );
      expect(row).toEqual({
        n: 5000,
        ids: '{m-0,NULL}',
        members: '[{"name": "Tên \\"trích\\" \\\\ dẫn", "memberId": "m-0"}, {"memberId": null}]',
      });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('recording while a rebuild runs loses nothing: an event committed below a position the replay already read is replayed', async () => {
    const stage = async (workflowId: string) =>
      (await db.query(`SELECT stage FROM products WHERE workflow_id = $1`, [workflowId]))[0]?.stage;
    const { j, workflowId } = await journey(40);
    // A recorder's transaction takes its log position, writes the read models, and commits only once the rebuild has
    // read the whole log (a later event included) and waits for the read models.
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const store = new EventStore();
    const appended = await store.append(runner.manager, [
      {
        eventId: randomUUID(),
        streamId: workflowId,
        streamSeq: 2,
        type: 'IdeaRejected',
        payload: { stage: 'rejected', reason: 'late' },
        actor: 'district_coordinator:coord',
        occurredAt: t(200),
      },
    ]);
    await createProjections().apply(runner.manager, appended);
    (j as unknown as { seq: number }).seq = 2;
    const { j: other, workflowId: otherId } = await journey(41);
    let concurrent: Promise<unknown> | undefined;
    const rebuilding = rebuilder().rebuild({
      batchSize: 5,
      // Another recorder starts mid-replay: it commits before the read models are locked, or waits for the rebuild.
      onProgress: () => (concurrent ??= other.step('IdeaAccepted', 'business_plan_due', t(230), {}, 'district_coordinator:coord', t(201))),
    });
    try {
      for (let waited = 0; ; waited += 20) {
        const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'products'::regclass`);
        if (n > 0) break;
        if (waited > 30_000) throw new Error('the rebuild never waited for the read models');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const result = await rebuilding;
    await concurrent;
    expect(result.applied).toBe(result.total);
    expect(await stage(workflowId)).toBe('rejected');
    expect(await stage(otherId)).toBe('business_plan_due');
    const after = await snapshot();
    await rebuilder().rebuild();
    expect(await snapshot()).toEqual(after);
  });
});
