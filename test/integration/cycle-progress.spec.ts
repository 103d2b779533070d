// The coordinators' progress view (GET /cycles/:province/:year/progress) against the real PostgreSQL: a Lào Cai
// 2021 cycle's worth of events, shaped as the workflows append them, goes through the real EventStore + Projections;
// every number the progress service reports is compared with one computed here directly from the event list (plain
// TypeScript, no SQL over the read models); a rebuild of the read models gives the same progress.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NewEvent, StoredEvent, TERMINAL_STAGES } from '@ocop/contracts';
import {
  addDays,
  CALENDAR_ORDER,
  certificateSchedule,
  defaultCycleCalendar,
  endOfLocalDate,
  findProductGroup,
  localDateKey,
} from '@ocop/domain';
import { createProjections, EventRecorder, EventStore, ProjectionRebuilder } from '@ocop/persistence';
import { CycleProgressRepository, PROGRESS_SQL, ProgressFilters } from '../../apps/api/src/cycles/cycle-progress.repository';
import { CycleProgressService } from '../../apps/api/src/cycles/cycle-progress.service';
import { CyclesRepository } from '../../apps/api/src/cycles/cycles.repository';
import type { CycleProgressResponse } from '../../apps/api/src/cycles/dto/cycle-progress.response';
import { openTestDatabase } from '../support/database';
import { TestCertificate, TestJourney, TestStream } from '../support/event-streams';
import { createOwnDatabase } from '../support/own-database';

const P = 'lao-cai';
const YEAR = 2021;
const RULES = 'QD1048-2019';
/** The Lào Cai 2021 calendar, with the lab given 7 days; district sessions are later moved to close on 30 June. */
const CALENDAR = { ...defaultCycleCalendar(YEAR), labTurnaroundDays: 7 };
const MOVED = { ...CALENDAR, districtSessionsCloseAt: '2021-06-30T17:00:00.000Z' };
const TARGETS = { newCertifiedProducts: 30, organisationsConsolidated: 12, newOrganisations: 7 };
/** Mid-cycle: dossiers are in, district sessions and lab tests under way. */
const NOW1 = new Date('2021-06-20T03:00:00.000Z');
/** A year after certification: the first yearly inspections are due. */
const NOW2 = new Date('2022-12-15T03:00:00.000Z');
const UPCOMING_MS = 14 * 24 * 60 * 60 * 1000;

const GROUPS = ['thuc-pham', 'do-uong', 'thao-duoc', 'vai-may-mac', 'luu-niem-noi-that-trang-tri', 'dich-vu-du-lich-nong-thon'];
const LAB_GROUPS = ['thuc-pham', 'do-uong', 'thao-duoc'];
const needsLab = (group: string) => findProductGroup(RULES, group)!.labTested;
const DISTRICTS = ['bac-ha', 'bat-xat', 'tx-sa-pa', 'muong-khuong', 'van-ban', 'si-ma-cai', 'bao-yen', 'bao-thang', 'tp-lao-cai'];
const MEMBERS = [1, 2, 3, 4, 5].map((n) => ({ memberId: `cm-${n}`, name: `Thành viên ${n}` }));
const day = (iso: string, days: number) => addDays(new Date(iso), days).toISOString();

interface Org {
  readonly id: string;
  readonly name: string;
  readonly district: string;
  readonly province: string;
  readonly founded?: number;
  readonly type: string;
}
const org = (name: string, district: string, type: string, founded?: number, province = P): Org => ({
  id: randomUUID(),
  name,
  district,
  province,
  type,
  ...(founded ? { founded } : {}),
});

// Producers of the 2021 cycle: founded long before, the year before (new), in the year (new), unknown.
const ORGS_2021: readonly Org[] = [
  org('HTX Nông nghiệp Bắc Hà', 'bac-ha', 'htx', 2012),
  org('Công ty TNHH Chè Shan tuyết Bát Xát', 'bat-xat', 'doanh-nghiep', 2015),
  org('Tổ hợp tác Thổ cẩm Sa Pa', 'tx-sa-pa', 'to-hop-tac', 2019),
  org('Hộ kinh doanh Mật ong Mường Khương', 'muong-khuong', 'ho-kinh-doanh', 2020),
  org('HTX Quế Văn Bàn', 'van-ban', 'htx', 2021),
  org('HTX Dược liệu Sín Chéng', 'si-ma-cai', 'htx', 2021),
  org('Hộ kinh doanh Măng Bảo Yên', 'bao-yen', 'ho-kinh-doanh'),
  org('Công ty CP Dứa Bảo Thắng', 'bao-thang', 'doanh-nghiep', 2018),
  org('Công ty TNHH Trà Lào Cai', 'tp-lao-cai', 'doanh-nghiep', 2016),
  org('Tổ hợp tác Rượu ngô Bản Phố', 'bac-ha', 'to-hop-tac', 2021),
];
// Organisations that must not count for 2021: no product at all, or products of the 2022 cycle only.
const IDLE_2020 = org('HTX Rau an toàn Cam Đường', 'tp-lao-cai', 'htx', 2020);
const ONLY_2022 = org('Tổ hợp tác Lê Tả Van', 'bac-ha', 'to-hop-tac', 2022);
const LATE_2020 = org('Hộ kinh doanh Gà đen Si Ma Cai', 'si-ma-cai', 'ho-kinh-doanh', 2020);
const HA_GIANG = org('HTX Chè Shan Đồng Văn', 'dong-van', 'htx', 2021, 'ha-giang');

const FATES = [
  'rejected',
  'withdrawn_plan',
  'not_qualified',
  'province_4',
  'province_3',
  'central_5',
  'failed_lab',
  'lab_overdue',
  'changes_late',
  'changes_soon',
  'district_waiting',
  'reevaluation',
  'stuck_province',
  'idea_overdue',
] as const;
type Fate = (typeof FATES)[number];
const PRODUCTS_2021 = 56;

describe('cycle progress from the read models, checked against the event log', () => {
  let own: Awaited<ReturnType<typeof createOwnDatabase>>;
  let db: DataSource;
  let recorder: EventRecorder;
  let service: CycleProgressService;
  /** Every event this test appended, in log order: what the expected numbers are computed from. */
  const log: StoredEvent[] = [];
  const sessions = new Map<string, TestStream>();
  const numbers = new Map<string, number>();
  const certificates: { no: string; issuedAt: string; year: number }[] = [];
  const certificateStreams = new Map<string, TestCertificate>();
  /** One stream object per certificate, so its positions continue where they were. */
  const certificateStream = (no: string) => {
    if (!certificateStreams.has(no)) certificateStreams.set(no, new TestCertificate(recorder, no));
    return certificateStreams.get(no)!;
  };

  beforeAll(async () => {
    own = await createOwnDatabase();
    db = await openTestDatabase(own.url);
    const inner = new EventRecorder(db, new EventStore(), createProjections());
    recorder = {
      record: async (events: readonly NewEvent[]) => {
        const stored = await inner.record(events);
        log.push(...stored);
        return stored;
      },
    } as unknown as EventRecorder;
    service = new CycleProgressService(new CycleProgressRepository(db));
  });
  afterAll(async () => {
    await db?.destroy();
    await own?.drop();
  });

  // -------------------------------------------------------------------------------------------------------------
  // Events as the workflows append them

  async function register(o: Org) {
    await new TestStream(recorder, `organisation:${o.id}`).record(
      'OrganisationRegistered',
      {
        organisationId: o.id,
        name: o.name,
        producerType: o.type,
        provinceCode: o.province,
        districtCode: o.district,
        ...(o.founded ? { foundedYear: o.founded } : {}),
      },
      `provincial_coordinator:coord-${o.province}`,
      '2021-01-12T02:00:00.000Z',
    );
  }

  async function openSession(
    sessionId: string,
    level: string,
    areaCode: string,
    province: string,
    year: number,
    sessionDate: string,
    openedAt: string,
  ) {
    const stream = new TestStream(recorder, `session:${sessionId}`);
    sessions.set(sessionId, stream);
    await stream.record(
      'SessionOpened',
      {
        status: 'open',
        level,
        areaCode,
        provinceCode: province,
        cycleYear: year,
        sessionDate,
        members: MEMBERS,
        chairId: MEMBERS[0]!.memberId,
        latestDossierDate: day(sessionDate, -4),
      },
      level === 'district' ? `district_coordinator:coord-${areaCode}` : `provincial_coordinator:coord-${province}`,
      openedAt,
    );
  }

  async function closeSession(sessionId: string, at: string) {
    await sessions
      .get(sessionId)!
      .record(
        'SessionClosed',
        { status: 'closed', presentMemberIds: MEMBERS.map((m) => m.memberId), scored: 0, missing: 0 },
        'system:session',
        at,
      );
  }

  function nextCertificateNo(province: string, year: number): string {
    const key = `${province}:${year}`;
    const seq = (numbers.get(key) ?? 0) + 1;
    numbers.set(key, seq);
    return `${province === 'lao-cai' ? 'LC' : 'HG'}-${year}-${String(seq).padStart(4, '0')}`;
  }

  /** One product's journey in one cycle, step by step, with the stage (and due date) each event leaves it in. */
  class Journey {
    readonly j: TestJourney;
    readonly producer: string;
    lab?: { requestId: string; attempt: number; due: string };

    constructor(
      readonly productId: string,
      readonly o: Org,
      readonly group: string,
      readonly year: number,
      readonly name: string,
    ) {
      this.j = new TestJourney(recorder, `product:${productId}:${year}`);
      this.producer = `producer:user-${o.id.slice(0, 8)}`;
    }

    get calendar() {
      return this.year === YEAR ? CALENDAR : defaultCycleCalendar(this.year);
    }

    submit(at: string) {
      const o = this.o;
      return this.j.step(
        'IdeaSubmitted',
        'awaiting_idea_review',
        undefined,
        {
          productId: this.productId,
          organisationId: o.id,
          name: this.name,
          productGroup: this.group,
          districtCode: o.district,
          provinceCode: o.province,
          cycleYear: this.year,
          ruleSet: RULES,
          workflowId: this.j.streamId,
        },
        this.producer,
        at,
      );
    }
    accept(at: string) {
      return this.j.step(
        'IdeaAccepted',
        'business_plan_due',
        this.calendar.businessPlanDueAt,
        {},
        `district_coordinator:coord-${this.o.district}`,
        at,
      );
    }
    plan(at: string) {
      return this.j.step(
        'BusinessPlanSubmitted',
        'dossier_due',
        this.calendar.dossierDueAt,
        { summary: 'Phương án sản xuất kinh doanh' },
        this.producer,
        at,
      );
    }
    dossier(at: string) {
      return this.j.step(
        'DossierSubmitted',
        'awaiting_district_session',
        undefined,
        { selfAssessment: { A: 25, B: 15, C: 25 }, evidence: ['ho-so.pdf'] },
        this.producer,
        at,
      );
    }
    async enter(sessionId: string, level: 'district' | 'province' | 'central', sessionDate: string, at: string) {
      await this.j.step('EnteredSession', `awaiting_${level}_session`, undefined, { sessionId, level, sessionDate }, 'system:session', at);
      await sessions
        .get(sessionId)!
        .record(
          'ProductEntered',
          { status: 'open', productId: this.productId, workflowId: this.j.streamId, name: this.name },
          'system:session',
          at,
        );
    }
    scored(
      level: 'district' | 'province' | 'central',
      mean: number,
      stars: number,
      outcome: string,
      stageAfter: string,
      at: string,
      extra: Record<string, unknown> = {},
    ) {
      const type = ({ district: 'DistrictScored', province: 'ProvinceScored', central: 'CentralScored' } as const)[level];
      return this.j.step(
        type,
        stageAfter,
        undefined,
        { level, sessionId: null, mean, stars, outcome, totals: [], ...extra },
        'system:council',
        at,
      );
    }
    async requestLab(attempt: number, at: string) {
      const lab = { requestId: `${this.j.streamId}:lab:${attempt}`, attempt, due: day(at, this.calendar.labTurnaroundDays) };
      this.lab = lab;
      await this.j.step(
        'LabTestRequested',
        'awaiting_lab_test',
        lab.due,
        { requestId: lab.requestId, attempt, labId: `lab:${this.o.province}`, productGroup: this.group },
        'system:lab',
        at,
      );
    }
    async labPassed(at: string) {
      const lab = this.lab!;
      await this.j.step(
        'LabTestPassed',
        'awaiting_lab_test',
        lab.due,
        { requestId: lab.requestId, attempt: lab.attempt, indicators: [{ indicator: 'E. coli', value: '< 10 CFU/g', passed: true }] },
        'lab:lab-user',
        at,
      );
      await this.j.step(
        'ForwardedToLevel',
        'awaiting_province_session',
        undefined,
        { to: 'province', afterLabTest: true },
        'system:lab',
        at,
      );
    }
    labFailed(retest: boolean, at: string) {
      const lab = this.lab!;
      return retest
        ? this.j.step(
            'LabTestFailed',
            'awaiting_lab_test',
            lab.due,
            { requestId: lab.requestId, attempt: lab.attempt, failedIndicators: ['E. coli'], retestAllowed: true },
            'lab:lab-user',
            at,
          )
        : this.j.step(
            'LabTestFailed',
            'failed_lab_test',
            undefined,
            {
              requestId: lab.requestId,
              attempt: lab.attempt,
              failedIndicators: ['E. coli'],
              retestAllowed: false,
              reason: 'failed the retest',
            },
            'lab:lab-user',
            at,
          );
    }
    labOverdue(at: string) {
      const lab = this.lab!;
      return this.j.step(
        'LabTestFailed',
        'failed_lab_test',
        undefined,
        { requestId: lab.requestId, attempt: lab.attempt, overdue: true, reason: `lab results overdue (${lab.requestId})` },
        'system:deadline',
        at,
      );
    }
    officialsReminder(step: string, dueAt: string, stage: string, at: string) {
      return this.j.step(
        'ReminderSent',
        stage,
        undefined,
        { step, kind: 'before', daysBefore: 7, scheduledFor: at, dueAt, recipient: `province:${this.o.province}:coordinators` },
        'system:reminders',
        at,
      );
    }
    async certify(level: 'province' | 'central', stars: number, at: string, supersedes?: string) {
      const stageBefore = `awaiting_${level}_session`;
      await this.j.step('StarsRecognised', stageBefore, undefined, { level, stars }, 'system:council', at);
      const certificateNo = nextCertificateNo(this.o.province, this.year);
      const schedule = certificateSchedule(new Date(at));
      await this.j.step(
        'CertificateIssued',
        'certified',
        undefined,
        {
          certificateNo,
          stars,
          level,
          issuedAt: schedule.issuedAt.toISOString(),
          expiresAt: schedule.expiresAt.toISOString(),
          ...(supersedes ? { supersedes } : {}),
        },
        'system:certification',
        at,
      );
      certificates.push({ no: certificateNo, issuedAt: schedule.issuedAt.toISOString(), year: this.year });
      return certificateNo;
    }
    /** Idea → dossier → the district session of 10 June → forwarded to the province (and lab testing, if needed). */
    async throughDistrict(i: number, mean = 66) {
      await this.submit(`2021-03-${String(2 + (i % 20)).padStart(2, '0')}T02:00:00.000Z`);
      await this.accept(`2021-04-${String(2 + (i % 7)).padStart(2, '0')}T02:00:00.000Z`);
      await this.plan(`2021-04-${String(20 + (i % 7)).padStart(2, '0')}T02:00:00.000Z`);
      await this.dossier(`2021-05-${String(20 + (i % 7)).padStart(2, '0')}T02:00:00.000Z`);
      await this.enter(`district-${this.o.district}-2021-1`, 'district', '2021-06-10T01:00:00.000Z', '2021-05-28T02:00:00.000Z');
      if (mean < 50) {
        await this.scored('district', mean, 2, 'not_qualified', 'not_qualified', '2021-06-10T10:00:00.000Z', {
          reason: `mean ${mean} at district`,
        });
        return;
      }
      await this.scored('district', mean, 3, 'forwarded', 'awaiting_province_session', '2021-06-10T10:00:00.000Z', {
        forwardedTo: 'province',
        provisionalStars: 3,
      });
    }
  }

  /** Each 2021 product's fate, played in two phases: up to 20 June 2021, and the rest of the cycle. */
  const plays: { fate: Fate; journey: Journey; phase2: () => Promise<void> }[] = [];

  async function playPhase1(i: number): Promise<void> {
    const fate = FATES[i % FATES.length]!;
    const o = ORGS_2021[i % ORGS_2021.length]!;
    const group = fate === 'failed_lab' || fate === 'lab_overdue' ? LAB_GROUPS[i % LAB_GROUPS.length]! : GROUPS[i % GROUPS.length]!;
    const journey = new Journey(randomUUID(), o, group, YEAR, `Sản phẩm ${String(i + 1).padStart(2, '0')} ${o.district}`);
    const labDay = `2021-06-${String(10 + (i % 7)).padStart(2, '0')}T02:00:00.000Z`; // due 17–23 June: some overdue on the 20th, some soon
    let phase2: () => Promise<void> = async () => undefined;
    const provincePath = async (mean: number, stars: number, supersedes?: string, labPassedAt = '2021-06-25T02:00:00.000Z') => {
      if (needsLab(group)) await journey.labPassed(labPassedAt);
      await journey.enter('province-2021-2', 'province', '2021-09-20T01:00:00.000Z', `2021-09-0${1 + (i % 5)}T02:00:00.000Z`);
      await journey.scored('province', mean, stars, 'recognised', 'awaiting_province_session', '2021-09-20T10:00:00.000Z');
      const no = await journey.certify('province', stars, `2021-10-31T10:${String(i).padStart(2, '0')}:00.000Z`, supersedes);
      if (supersedes) {
        await certificateStream(supersedes).step(
          'CertificateSuperseded',
          'superseded',
          { supersededBy: no, newStars: stars },
          'system:re-evaluation',
          `2021-10-31T10:${String(i).padStart(2, '0')}:30.000Z`,
        );
      }
    };
    switch (fate) {
      case 'rejected':
        await journey.submit('2021-03-02T02:00:00.000Z');
        await journey.j.step(
          'IdeaRejected',
          'rejected',
          undefined,
          { reason: 'Không phải sản phẩm đặc trưng của địa phương' },
          `district_coordinator:coord-${o.district}`,
          '2021-04-05T02:00:00.000Z',
        );
        break;
      case 'withdrawn_plan':
        await journey.submit('2021-03-03T02:00:00.000Z');
        await journey.accept('2021-04-02T02:00:00.000Z');
        await journey.j.step(
          'ReminderSent',
          'business_plan_due',
          CALENDAR.businessPlanDueAt,
          {
            step: 'business_plan_due',
            kind: 'before',
            daysBefore: 7,
            scheduledFor: day(CALENDAR.businessPlanDueAt, -7),
            dueAt: CALENDAR.businessPlanDueAt,
            recipient: `org:${o.id}`,
          },
          'system:reminders',
          day(CALENDAR.businessPlanDueAt, -7),
        );
        await journey.j.step(
          'ReminderSent',
          'business_plan_due',
          CALENDAR.businessPlanDueAt,
          {
            step: 'business_plan_due',
            kind: 'missed',
            daysBefore: 0,
            scheduledFor: CALENDAR.businessPlanDueAt,
            dueAt: CALENDAR.businessPlanDueAt,
            recipient: `org:${o.id}`,
          },
          'system:reminders',
          CALENDAR.businessPlanDueAt,
        );
        await journey.j.step(
          'ProductWithdrawn',
          'withdrawn',
          undefined,
          {
            reason: `business_plan_due: deadline ${CALENDAR.businessPlanDueAt} missed`,
            byProducer: false,
            missedStep: 'business_plan_due',
            missedDueAt: CALENDAR.businessPlanDueAt,
          },
          'system:deadline',
          day(CALENDAR.businessPlanDueAt, 7),
        );
        break;
      case 'not_qualified':
        await journey.throughDistrict(i, 42);
        break;
      case 'province_4':
      case 'province_3':
      case 'reevaluation': {
        let previous: string | undefined;
        if (fate === 'reevaluation') previous = await certifiedIn2018(journey.productId, o, group, i);
        await journey.throughDistrict(i, 72);
        if (needsLab(group)) await journey.requestLab(1, labDay);
        phase2 = () => provincePath(fate === 'province_3' ? 61 : 76, fate === 'province_3' ? 3 : 4, previous);
        break;
      }
      case 'central_5':
        await journey.throughDistrict(i, 88);
        if (needsLab(group)) await journey.requestLab(1, labDay);
        phase2 = async () => {
          if (needsLab(group)) await journey.labPassed('2021-06-24T02:00:00.000Z');
          await journey.enter('province-2021-2', 'province', '2021-09-20T01:00:00.000Z', '2021-09-02T02:00:00.000Z');
          await journey.scored('province', 92, 5, 'forwarded', 'awaiting_central_session', '2021-09-20T10:00:00.000Z', {
            forwardedTo: 'central',
            provisionalStars: 4,
          });
          await journey.enter('central-2021', 'central', '2021-12-05T01:00:00.000Z', '2021-11-20T02:00:00.000Z');
          await journey.scored('central', 91, 5, 'recognised', 'awaiting_central_session', '2021-12-05T10:00:00.000Z');
          await journey.certify('central', 5, `2021-12-10T03:${String(i).padStart(2, '0')}:00.000Z`);
        };
        break;
      case 'failed_lab':
        await journey.throughDistrict(i, 64);
        await journey.requestLab(1, '2021-06-10T02:00:00.000Z');
        await journey.labFailed(true, '2021-06-12T02:00:00.000Z');
        await journey.requestLab(2, '2021-06-12T02:00:00.000Z'); // due 19 June: overdue on the 20th
        phase2 = async () => void (await journey.labFailed(false, '2021-06-21T02:00:00.000Z'));
        break;
      case 'lab_overdue':
        await journey.throughDistrict(i, 58);
        await journey.requestLab(1, '2021-06-11T02:00:00.000Z'); // due 18 June
        phase2 = async () => void (await journey.labOverdue('2021-06-25T02:00:00.000Z'));
        break;
      case 'changes_late': {
        const due = '2021-06-15T17:00:00.000Z';
        await journey.submit('2021-03-20T02:00:00.000Z');
        await journey.j.step(
          'IdeaChangesRequested',
          'changes_requested',
          due,
          { reason: 'Bổ sung vùng nguyên liệu' },
          `district_coordinator:coord-${o.district}`,
          '2021-06-01T02:00:00.000Z',
        );
        await journey.j.step(
          'ReminderSent',
          'changes_requested',
          due,
          { step: 'changes_requested', kind: 'missed', daysBefore: 0, scheduledFor: due, dueAt: due, recipient: `org:${o.id}` },
          'system:reminders',
          due,
        );
        phase2 = async () => {
          await journey.j.step(
            'ProductWithdrawn',
            'withdrawn',
            undefined,
            { reason: `changes_requested: deadline ${due} missed`, byProducer: false, missedStep: 'changes_requested', missedDueAt: due },
            'system:deadline',
            day(due, 7),
          );
        };
        break;
      }
      case 'changes_soon':
        await journey.submit('2021-03-22T02:00:00.000Z');
        await journey.j.step(
          'IdeaChangesRequested',
          'changes_requested',
          `2021-06-${String(21 + (i % 5)).padStart(2, '0')}T17:00:00.000Z`,
          { reason: 'Nêu rõ quy trình sản xuất' },
          `district_coordinator:coord-${o.district}`,
          '2021-06-05T02:00:00.000Z',
        );
        phase2 = async () => {
          await journey.j.step(
            'IdeaRevised',
            'awaiting_idea_review',
            undefined,
            { newName: `${journey.name} (sửa)`, note: 'Đã bổ sung' },
            journey.producer,
            '2021-06-21T02:00:00.000Z',
          );
          await journey.j.step(
            'IdeaRejected',
            'rejected',
            undefined,
            { reason: 'Quá hạn của chu kỳ' },
            `district_coordinator:coord-${o.district}`,
            '2021-07-05T02:00:00.000Z',
          );
        };
        break;
      case 'district_waiting': {
        const index = DISTRICTS.indexOf(o.district);
        const sessionDate = day('2021-06-22T01:00:00.000Z', 2 * index);
        await journey.submit('2021-03-15T02:00:00.000Z');
        await journey.accept('2021-04-06T02:00:00.000Z');
        await journey.plan('2021-04-27T02:00:00.000Z');
        await journey.dossier('2021-05-30T02:00:00.000Z');
        await journey.enter(`district-${o.district}-2021-2`, 'district', sessionDate, '2021-06-15T02:00:00.000Z');
        phase2 = async () => {
          const scoredAt = new Date(Date.parse(sessionDate) + 9 * 60 * 60 * 1000).toISOString();
          await journey.scored('district', 70, 4, 'forwarded', 'awaiting_province_session', scoredAt, {
            forwardedTo: 'province',
            provisionalStars: 4,
          });
          if (needsLab(group)) await journey.requestLab(1, day(scoredAt, 1));
          await provincePath(74, 4, undefined, day(scoredAt, 5));
        };
        break;
      }
      case 'stuck_province':
        await journey.throughDistrict(i, 68);
        phase2 = async () => {
          if (needsLab(group)) {
            await journey.requestLab(1, '2021-06-22T02:00:00.000Z');
            await journey.labPassed('2021-06-27T02:00:00.000Z');
          }
          await journey.officialsReminder(
            'province_session',
            CALENDAR.provincialSessionsCloseAt,
            'awaiting_province_session',
            day(CALENDAR.provincialSessionsCloseAt, -7),
          );
          if (i % 2 === 0) {
            await journey.j.step(
              'DeadlineMissed',
              'awaiting_province_session',
              undefined,
              { step: 'province_session', missedDueAt: CALENDAR.provincialSessionsCloseAt, escalatedTo: `province:${P}:coordinators` },
              'system:deadline',
              CALENDAR.provincialSessionsCloseAt,
            );
          }
        };
        break;
      case 'idea_overdue':
        await journey.submit('2021-03-28T02:00:00.000Z');
        await journey.officialsReminder('idea_review', '2021-04-14T17:00:00.000Z', 'awaiting_idea_review', '2021-04-07T17:00:00.000Z');
        phase2 = async () => {
          await journey.j.step(
            'IdeaRejected',
            'rejected',
            undefined,
            { reason: 'Trùng sản phẩm đã đăng ký' },
            `district_coordinator:coord-${o.district}`,
            '2021-06-25T02:00:00.000Z',
          );
        };
        break;
    }
    plays.push({ fate, journey, phase2 });
  }

  /** The product's 2018 journey up to its 3-star certificate, and two yearly inspections passed; its number. */
  async function certifiedIn2018(productId: string, o: Org, group: string, i: number, leaveLastReportOpen = false): Promise<string> {
    const old = new Journey(productId, o, group, 2018, `Sản phẩm ${String(i + 1).padStart(2, '0')} ${o.district}`);
    await old.submit('2018-03-05T02:00:00.000Z');
    await old.accept('2018-04-03T02:00:00.000Z');
    await old.plan('2018-04-25T02:00:00.000Z');
    await old.dossier('2018-05-25T02:00:00.000Z');
    await old.scored('district', 62, 3, 'forwarded', 'awaiting_province_session', '2018-06-20T10:00:00.000Z', { forwardedTo: 'province' });
    if (needsLab(group)) {
      await old.requestLab(1, '2018-06-21T02:00:00.000Z');
      await old.labPassed('2018-07-01T02:00:00.000Z');
    }
    await old.scored('province', 63, 3, 'recognised', 'awaiting_province_session', '2018-09-20T10:00:00.000Z');
    const no = await old.certify('province', 3, `2018-10-31T10:${String(i).padStart(2, '0')}:00.000Z`);
    const certificate = certificateStream(no);
    for (const [round, due] of certificateSchedule(
      new Date(`2018-10-31T10:${String(i).padStart(2, '0')}:00.000Z`),
    ).inspectionsDue.entries()) {
      await certificate.step(
        'InspectionRequested',
        'valid',
        { round: round + 1, dueAt: due.toISOString(), reportDueAt: addDays(due, 30).toISOString(), inspectorId: 'inspector:lao-cai' },
        'system:inspections',
        due.toISOString(),
      );
      if (leaveLastReportOpen && round === 1) break;
      await certificate.step(
        'InspectionPassed',
        'valid',
        { round: round + 1, notes: 'Đạt' },
        'inspector:inspector-user',
        addDays(due, 9).toISOString(),
      );
    }
    return no;
  }

  /** The yearly inspections of the 2021 certificates that fall due before NOW2: passed, unanswered, failed, overdue. */
  async function inspections2021() {
    for (const [k, cert] of certificates.filter((c) => c.year === YEAR && c.no.startsWith('LC-')).entries()) {
      const due = certificateSchedule(new Date(cert.issuedAt)).inspectionsDue[0]!;
      if (due >= NOW2) continue;
      const reportDue = addDays(due, 30);
      const certificate = certificateStream(cert.no);
      await certificate.step(
        'InspectionRequested',
        'valid',
        { round: 1, dueAt: due.toISOString(), reportDueAt: reportDue.toISOString(), inspectorId: 'inspector:lao-cai' },
        'system:inspections',
        due.toISOString(),
      );
      if (k % 4 === 0)
        await certificate.step(
          'InspectionPassed',
          'valid',
          { round: 1, notes: 'Đạt' },
          'inspector:inspector-user',
          addDays(due, 10).toISOString(),
        );
      if (k % 4 === 2)
        await certificate.step(
          'InspectionFailed',
          'remediation',
          { round: 1, notes: 'Nhãn mác chưa đúng', remediationDueAt: addDays(due, 40).toISOString() },
          'inspector:inspector-user',
          addDays(due, 5).toISOString(),
        );
      if (k % 4 === 3 && reportDue < NOW2)
        await certificate.step(
          'InspectionReportOverdue',
          'valid',
          { dueAt: reportDue.toISOString(), awaiting: 'inspection_report' },
          'system:deadline',
          reportDue.toISOString(),
        );
    }
  }

  /** Another province and another cycle, whose items must never appear in Lào Cai 2021's progress. */
  async function neighbours(phase: 1 | 2) {
    if (phase === 1) {
      await new TestStream(recorder, 'cycle:ha-giang:2021').record(
        'CycleOpened',
        {
          provinceCode: 'ha-giang',
          year: 2021,
          ruleSet: RULES,
          calendar: CALENDAR,
          targets: { newCertifiedProducts: 10, organisationsConsolidated: 3, newOrganisations: 2 },
        },
        'admin:admin',
        '2021-01-20T02:00:00.000Z',
      );
      await openSession(
        'district-dong-van-2021-1',
        'district',
        'dong-van',
        'ha-giang',
        2021,
        '2021-06-25T01:00:00.000Z',
        '2021-06-01T02:00:00.000Z',
      );
      const hg = new Journey(randomUUID(), HA_GIANG, 'do-uong', 2021, 'Chè Shan tuyết Đồng Văn');
      await hg.throughDistrict(3, 80);
      await hg.requestLab(1, '2021-06-11T02:00:00.000Z');
      plays.push({
        fate: 'province_4',
        journey: hg,
        phase2: async () => {
          await hg.labPassed('2021-06-23T02:00:00.000Z');
          await hg.scored('province', 78, 4, 'recognised', 'awaiting_province_session', '2021-09-22T10:00:00.000Z');
          const no = await hg.certify('province', 4, '2021-10-30T10:00:00.000Z');
          const due = certificateSchedule(new Date('2021-10-30T10:00:00.000Z')).inspectionsDue[0]!;
          await certificateStream(no).step(
            'InspectionRequested',
            'valid',
            { round: 1, dueAt: due.toISOString(), reportDueAt: addDays(due, 30).toISOString(), inspectorId: 'inspector:ha-giang' },
            'system:inspections',
            due.toISOString(),
          );
        },
      });
      return;
    }
    await new TestStream(recorder, 'cycle:lao-cai:2022').record(
      'CycleOpened',
      {
        provinceCode: P,
        year: 2022,
        ruleSet: RULES,
        calendar: defaultCycleCalendar(2022),
        targets: { newCertifiedProducts: 40, organisationsConsolidated: 15, newOrganisations: 8 },
      },
      'provincial_coordinator:coord-lao-cai',
      '2022-01-10T02:00:00.000Z',
    );
    const stuck = new Journey(randomUUID(), ONLY_2022, 'thuc-pham', 2022, 'Thịt lợn đen Tả Van');
    await stuck.submit('2022-03-05T02:00:00.000Z');
    await stuck.officialsReminder('idea_review', '2022-04-14T17:00:00.000Z', 'awaiting_idea_review', '2022-04-07T17:00:00.000Z');
    const late = new Journey(randomUUID(), LATE_2020, 'vai-may-mac', 2022, 'Khăn thổ cẩm Si Ma Cai');
    await late.submit('2022-03-06T02:00:00.000Z');
    await late.accept('2022-04-04T02:00:00.000Z');
    await late.plan('2022-04-25T02:00:00.000Z');
    await late.dossier('2022-05-25T02:00:00.000Z');
    await late.scored('district', 75, 4, 'forwarded', 'awaiting_province_session', '2022-06-20T10:00:00.000Z');
    await late.scored('province', 74, 4, 'recognised', 'awaiting_province_session', '2022-09-20T10:00:00.000Z');
    await late.certify('province', 4, '2022-10-31T10:00:00.000Z');
    const again = new Journey(
      plays.find((p) => p.fate === 'province_4' && p.journey.o === ORGS_2021[0])?.journey.productId ?? randomUUID(),
      ORGS_2021[0]!,
      'do-uong',
      2022,
      'Rượu mận 2022',
    );
    await again.submit('2022-03-07T02:00:00.000Z');
    await again.accept('2022-04-05T02:00:00.000Z');
  }

  // -------------------------------------------------------------------------------------------------------------
  // The expected progress, computed from the event list alone

  interface ProductState {
    org: string;
    name: string;
    group: string;
    district: string;
    province: string;
    year: number;
    stage: string;
    dueAt: string | null;
    stars: number | null;
    certificateNo: string | null;
    productId: string;
  }

  function expectedFrom(events: readonly StoredEvent[], province: string, year: number, filters: ProgressFilters, now: Date) {
    const orgs = new Map<string, { province: string; founded: number | null }>();
    const products = new Map<string, ProductState>();
    const certs = new Map<string, { province: string; district: string; group: string; year: number; supersedes: string | null }>();
    const labs = new Map<
      string,
      { province: string; district: string; group: string; year: number; status: string; dueAt: string | null }
    >();
    const rounds = new Map<string, { certificateNo: string; round: number; status: string; reportDueAt: string }>();
    const sessionsSeen = new Map<string, { province: string; year: number; level: string; area: string; date: string; open: boolean }>();
    let calendar: Record<string, unknown> | undefined;
    let targets: Record<string, number> | undefined;
    const iso = (value: unknown) => new Date(value as string).toISOString();

    for (const e of events) {
      const p = e.payload as Record<string, any>;
      if (e.type === 'OrganisationRegistered')
        orgs.set(p.organisationId, { province: p.provinceCode, founded: typeof p.foundedYear === 'number' ? p.foundedYear : null });
      if (e.streamId === `cycle:${province}:${year}` && (e.type === 'CycleOpened' || e.type === 'CycleDateMoved')) {
        calendar = p.calendar;
        if (e.type === 'CycleOpened') targets = p.targets;
      }
      if (e.streamId.startsWith('product:')) {
        if (e.type === 'IdeaSubmitted') {
          products.set(e.streamId, {
            productId: p.productId,
            org: p.organisationId,
            name: p.name,
            group: p.productGroup,
            district: p.districtCode,
            province: p.provinceCode,
            year: p.cycleYear,
            stage: p.stage ?? 'awaiting_idea_review',
            dueAt: p.dueAt ?? null,
            stars: null,
            certificateNo: null,
          });
        } else if (typeof p.stage === 'string') {
          const product = products.get(e.streamId)!;
          product.stage = p.stage;
          product.dueAt = typeof p.dueAt === 'string' ? p.dueAt : null;
          if (typeof p.stars === 'number') product.stars = p.stars;
          if (typeof p.certificateNo === 'string') product.certificateNo = p.certificateNo;
        }
        const product = products.get(e.streamId)!;
        if (e.type === 'LabTestRequested')
          labs.set(p.requestId, {
            province: product.province,
            district: product.district,
            group: product.group,
            year: product.year,
            status: 'requested',
            dueAt: p.dueAt ?? null,
          });
        if (e.type === 'LabTestPassed' || e.type === 'LabTestFailed') labs.get(p.requestId)!.status = 'decided';
        if (e.type === 'CertificateIssued')
          certs.set(p.certificateNo, {
            province: product.province,
            district: product.district,
            group: product.group,
            year: Number(e.streamId.split(':')[2]),
            supersedes: p.supersedes ?? null,
          });
      }
      if (e.streamId.startsWith('certificate:')) {
        const no = e.streamId.slice('certificate:'.length);
        if (e.type === 'InspectionRequested')
          rounds.set(`${no}#${p.round}`, { certificateNo: no, round: p.round, status: 'requested', reportDueAt: p.reportDueAt });
        if (['InspectionPassed', 'InspectionFailed', 'InspectionReportOverdue', 'CertificateRevoked'].includes(e.type)) {
          const round =
            typeof p.round === 'number'
              ? p.round
              : Math.max(...[...rounds.values()].filter((r) => r.certificateNo === no).map((r) => r.round));
          const entry = rounds.get(`${no}#${round}`);
          if (entry) entry.status = 'answered';
        }
      }
      if (e.streamId.startsWith('session:')) {
        const id = e.streamId.slice('session:'.length);
        if (e.type === 'SessionOpened')
          sessionsSeen.set(id, {
            province: p.provinceCode,
            year: p.cycleYear,
            level: p.level,
            area: p.areaCode,
            date: iso(p.sessionDate),
            open: true,
          });
        if (e.type === 'SessionClosed') sessionsSeen.get(id)!.open = false;
      }
    }

    const until = new Date(now.getTime() + UPCOMING_MS);
    const inFilters = (district: string, group: string) =>
      (!filters.district || district === filters.district) && (!filters.productGroup || group === filters.productGroup);
    const ofCycle = [...products.values()].filter((p) => p.province === province && p.year === year && inFilters(p.district, p.group));
    const cells = new Map<string, number>();
    for (const p of ofCycle) cells.set(`${p.stage}|${p.district}|${p.group}`, (cells.get(`${p.stage}|${p.district}|${p.group}`) ?? 0) + 1);
    const byStage: Record<string, number> = {};
    for (const p of ofCycle) byStage[p.stage] = (byStage[p.stage] ?? 0) + 1;
    const certified = ofCycle.filter((p) => p.stage === 'certified');
    const stars: Record<string, number> = { '3': 0, '4': 0, '5': 0 };
    for (const p of certified) stars[String(p.stars)] = (stars[String(p.stars)] ?? 0) + 1;
    const actual = {
      newCertifiedProducts: certified.filter((p) => !certs.get(p.certificateNo!)?.supersedes).length,
      organisationsConsolidated: new Set(
        certified
          .filter((p) => {
            const f = orgs.get(p.org)?.founded;
            return f != null && f <= year;
          })
          .map((p) => p.org),
      ).size,
      newOrganisations: [...orgs.entries()].filter(
        ([id, o]) =>
          o.province === province &&
          o.founded != null &&
          (o.founded === year || o.founded === year - 1) &&
          ofCycle.some((p) => p.org === id),
      ).length,
    };
    const open = (p: ProductState) => !TERMINAL_STAGES.includes(p.stage as never) && p.dueAt !== null;
    const before = (t: string | null, limit: Date) => t !== null && Date.parse(t) < limit.getTime();
    const within = (t: string | null) => t !== null && Date.parse(t) >= now.getTime() && Date.parse(t) < until.getTime();
    const labsOfCycle = [...labs.entries()].filter(
      ([, l]) => l.province === province && l.year === year && l.status === 'requested' && inFilters(l.district, l.group),
    );
    const key = (kind: string, id: string, at: string) => `${kind}|${id}|${iso(at)}`;

    const overdue = [
      ...ofCycle.filter((p) => open(p) && before(p.dueAt, now)).map((p) => key('product_step', p.productId, p.dueAt!)),
      ...labsOfCycle.filter(([, l]) => before(l.dueAt, now)).map(([id, l]) => key('lab_result', id, l.dueAt!)),
      ...[...rounds.values()]
        .filter((r) => r.status === 'requested' && before(r.reportDueAt, now))
        .filter((r) => {
          const c = certs.get(r.certificateNo)!;
          return c.province === province && c.year === year && inFilters(c.district, c.group);
        })
        .map((r) => key('inspection_report', `${r.certificateNo}#${r.round}`, r.reportDueAt)),
    ].sort();
    const upcoming = [
      ...ofCycle.filter((p) => open(p) && within(p.dueAt)).map((p) => key('product_step', p.productId, p.dueAt!)),
      ...labsOfCycle.filter(([, l]) => within(l.dueAt)).map(([id, l]) => key('lab_result', id, l.dueAt!)),
      ...[...sessionsSeen.entries()]
        .filter(
          ([, s]) =>
            s.province === province &&
            s.year === year &&
            s.open &&
            within(s.date) &&
            (!filters.district || s.level !== 'district' || s.area === filters.district),
        )
        .map(([id, s]) => key('session', id, s.date)),
      ...CALENDAR_ORDER.filter((w) => within((calendar?.[w] as string) ?? null)).map((w) =>
        key('calendar_window', w, calendar![w] as string),
      ),
    ].sort();
    const countKinds = (keys: string[], kinds: readonly string[]) =>
      Object.fromEntries(kinds.map((k) => [k, keys.filter((x) => x.startsWith(`${k}|`)).length]));

    return {
      totals: { products: ofCycle.length, byStage },
      cells: [...cells.entries()]
        .map(([k, products]) => {
          const [stage, districtCode, productGroup] = k.split('|');
          return { stage, districtCode, productGroup, products };
        })
        .sort(byCell),
      certified: certified.length,
      stars,
      targets: Object.fromEntries(
        (['newCertifiedProducts', 'organisationsConsolidated', 'newOrganisations'] as const).map((k) => [
          k,
          {
            target: targets![k],
            actual: actual[k],
            met: targets![k] > 0 && actual[k] >= targets![k],
            status: targets![k] <= 0 ? 'no_target' : actual[k] >= targets![k] ? 'met' : 'missed',
          },
        ]),
      ),
      overdue: { keys: overdue, byKind: countKinds(overdue, ['product_step', 'lab_result', 'inspection_report']) },
      upcoming: { keys: upcoming, byKind: countKinds(upcoming, ['product_step', 'lab_result', 'session', 'calendar_window']) },
    };
  }

  const byCell = (a: { stage?: string; districtCode?: string; productGroup?: string }, b: typeof a) =>
    `${a.stage}|${a.districtCode}|${a.productGroup}`.localeCompare(`${b.stage}|${b.districtCode}|${b.productGroup}`);
  const itemKey = (item: CycleProgressResponse['overdue']['items'][number]) =>
    `${item.kind}|${item.productId && item.kind === 'product_step' ? item.productId : (item.requestId ?? (item.certificateNo ? `${item.certificateNo}#${item.round}` : undefined) ?? item.sessionId ?? item.window)}|${item.dueAt}`;

  /** The service's progress, every number compared with the one computed from the events. */
  async function checkProgress(
    province: string,
    year: number,
    filters: ProgressFilters,
    now: Date,
    read: () => Promise<CycleProgressResponse> = () => service.progress(province, year, filters, now),
    events: readonly StoredEvent[] = log,
  ) {
    const actual = await read();
    const expected = expectedFrom(events, province, year, filters, now);
    const label = `${province} ${year} ${JSON.stringify(filters)} at ${now.toISOString()}`;
    expect({ label, totals: actual.totals }).toEqual({ label, totals: expected.totals });
    expect({ label, cells: [...actual.byStageDistrictGroup].sort(byCell) }).toEqual({ label, cells: expected.cells });
    expect({ label, certified: actual.certified, stars: actual.stars, targets: actual.targets }).toEqual({
      label,
      certified: expected.certified,
      stars: expected.stars,
      targets: expected.targets,
    });
    expect({ label, byKind: actual.overdue.byKind, total: actual.overdue.total }).toEqual({
      label,
      byKind: expected.overdue.byKind,
      total: expected.overdue.keys.length,
    });
    expect({ label, overdue: actual.overdue.items.map(itemKey).sort() }).toEqual({ label, overdue: expected.overdue.keys });
    expect({ label, byKind: actual.upcoming.byKind, total: actual.upcoming.total }).toEqual({
      label,
      byKind: expected.upcoming.byKind,
      total: expected.upcoming.keys.length,
    });
    expect({ label, upcoming: actual.upcoming.items.map(itemKey).sort() }).toEqual({ label, upcoming: expected.upcoming.keys });
    // Every item links to what it concerns; lists are earliest first.
    for (const item of [...actual.overdue.items, ...actual.upcoming.items]) {
      const links: Record<string, string> = {
        product_step: `/products/${item.productId}`,
        lab_result: `/lab-requests/${encodeURIComponent(item.requestId ?? '')}`,
        inspection_report: `/certificates/${item.certificateNo}`,
        session: `/sessions/${item.sessionId}`,
        calendar_window: `/cycles/${province}/${year}`,
      };
      expect(item.link).toBe(links[item.kind]);
    }
    for (const list of [actual.overdue.items, actual.upcoming.items])
      expect(list.map((i) => i.dueAt)).toEqual([...list.map((i) => i.dueAt)].sort());
    expect(actual).toMatchObject({
      provinceCode: province,
      year,
      asOf: now.toISOString(),
      filters: { district: filters.district ?? null, productGroup: filters.productGroup ?? null },
    });
    return { actual, expected };
  }

  const FILTER_SETS: ProgressFilters[] = [
    {},
    { district: 'bac-ha' },
    { productGroup: 'do-uong' },
    { district: 'bat-xat', productGroup: 'thuc-pham' },
    { district: 'si-ma-cai' },
  ];

  // -------------------------------------------------------------------------------------------------------------

  it('mid-cycle (20 June 2021): counts, targets, overdue and upcoming items equal those computed from the events', async () => {
    const cycle = new TestStream(recorder, `cycle:${P}:${YEAR}`);
    await cycle.record(
      'CycleOpened',
      { provinceCode: P, year: YEAR, ruleSet: RULES, calendar: CALENDAR, targets: TARGETS },
      'provincial_coordinator:coord-lao-cai',
      '2021-01-15T02:00:00.000Z',
    );
    await cycle.record(
      'ReminderSent',
      {
        step: 'ideaWindowClosesAt',
        kind: 'before',
        daysBefore: 7,
        scheduledFor: day(CALENDAR.ideaWindowClosesAt, -7),
        dueAt: CALENDAR.ideaWindowClosesAt,
        recipient: `province:${P}:producers`,
      },
      'system:reminders',
      day(CALENDAR.ideaWindowClosesAt, -7),
    );
    await cycle.record(
      'CycleDateMoved',
      { window: 'districtSessionsCloseAt', from: CALENDAR.districtSessionsCloseAt, to: MOVED.districtSessionsCloseAt, calendar: MOVED },
      'provincial_coordinator:coord-lao-cai',
      '2021-05-15T02:00:00.000Z',
    );
    for (const o of [...ORGS_2021, IDLE_2020, ONLY_2022, LATE_2020, HA_GIANG]) await register(o);
    for (const [index, district] of DISTRICTS.entries()) {
      await openSession(
        `district-${district}-2021-1`,
        'district',
        district,
        P,
        YEAR,
        '2021-06-10T01:00:00.000Z',
        '2021-05-20T02:00:00.000Z',
      );
      // Second district sessions from 22 June, two days apart: the first seven fall in the next 14 days.
      await openSession(
        `district-${district}-2021-2`,
        'district',
        district,
        P,
        YEAR,
        day('2021-06-22T01:00:00.000Z', 2 * index),
        '2021-06-08T02:00:00.000Z',
      );
    }
    await openSession('province-2021-1', 'province', P, P, YEAR, '2021-06-28T01:00:00.000Z', '2021-06-01T02:00:00.000Z');
    for (let i = 0; i < PRODUCTS_2021; i += 1) await playPhase1(i);
    for (const district of DISTRICTS) await closeSession(`district-${district}-2021-1`, '2021-06-10T09:00:00.000Z');
    await neighbours(1);

    for (const filters of FILTER_SETS) await checkProgress(P, YEAR, filters, NOW1);
    const { actual } = await checkProgress(P, YEAR, {}, NOW1);
    // Not vacuous: there is something of every kind to get right.
    expect(actual.totals.products).toBe(PRODUCTS_2021);
    expect(actual.overdue.byKind).toEqual({ product_step: expect.any(Number), lab_result: expect.any(Number), inspection_report: 0 });
    expect(actual.overdue.byKind.product_step).toBeGreaterThan(2);
    expect(actual.overdue.byKind.lab_result).toBeGreaterThan(2);
    expect(actual.upcoming.byKind).toEqual({
      product_step: expect.any(Number),
      lab_result: expect.any(Number),
      session: 8,
      calendar_window: 1,
    });
    expect(actual.upcoming.byKind.product_step).toBeGreaterThan(actual.upcoming.byKind.lab_result); // labs' products and the producers' changes
    expect(actual.upcoming.byKind.lab_result).toBeGreaterThan(0);
    expect(actual.upcoming.items.find((i) => i.kind === 'calendar_window')).toMatchObject({
      window: 'districtSessionsCloseAt',
      dueAt: MOVED.districtSessionsCloseAt,
    });
    // Fewer items listed on request, earliest first; the totals still count them all.
    const short = await service.progress(P, YEAR, {}, NOW1, 2);
    expect(short.overdue.items).toEqual(actual.overdue.items.slice(0, 2));
    expect(short.upcoming.items).toEqual(actual.upcoming.items.slice(0, 2));
    expect([short.overdue.total, short.upcoming.total, short.overdue.byKind]).toEqual([
      actual.overdue.total,
      actual.upcoming.total,
      actual.overdue.byKind,
    ]);
    // A district's view has its own sessions and the province-wide one, not its neighbours'.
    const bacHa = await service.progress(P, YEAR, { district: 'bac-ha' }, NOW1);
    expect(
      bacHa.upcoming.items
        .filter((i) => i.kind === 'session')
        .map((i) => i.sessionId)
        .sort(),
    ).toEqual(['district-bac-ha-2021-2', 'province-2021-1']);
    // Another province's overdue lab request is not Lào Cai's.
    const haGiang = await checkProgress('ha-giang', 2021, {}, NOW1);
    expect(haGiang.actual.overdue.byKind.lab_result).toBe(1);
    expect(actual.overdue.items.some((i) => i.districtCode === 'dong-van')).toBe(false);
  });

  it('a year after certification (15 Dec 2022): certificates, stars, targets and overdue inspection reports', async () => {
    await openSession('province-2021-2', 'province', P, P, YEAR, '2021-09-20T01:00:00.000Z', '2021-08-20T02:00:00.000Z');
    await openSession('central-2021', 'central', 'vn', P, YEAR, '2021-12-05T01:00:00.000Z', '2021-11-10T02:00:00.000Z');
    for (const play of plays) await play.phase2();
    for (const district of DISTRICTS) await closeSession(`district-${district}-2021-2`, '2021-07-08T09:00:00.000Z');
    for (const id of ['province-2021-1', 'province-2021-2', 'central-2021', 'district-dong-van-2021-1'])
      await closeSession(id, '2021-12-05T09:00:00.000Z');
    await inspections2021();
    // A 2018 certificate never re-evaluated, whose second inspection report never came: another cycle's.
    await certifiedIn2018(randomUUID(), ORGS_2021[1]!, 'vai-may-mac', 57, true);
    await neighbours(2);

    for (const filters of FILTER_SETS) await checkProgress(P, YEAR, filters, NOW2);
    const { actual } = await checkProgress(P, YEAR, {}, NOW2);
    expect(actual.certified).toBeGreaterThan(10);
    expect(actual.stars['3']).toBeGreaterThan(0);
    expect(actual.stars['4']).toBeGreaterThan(0);
    expect(actual.stars['5']).toBeGreaterThan(0);
    // Re-evaluated products (their certificates supersede 2018 ones) are certified but not new.
    expect(actual.targets.newCertifiedProducts.actual).toBeLessThan(actual.certified);
    expect(actual.targets.newCertifiedProducts.actual).toBeGreaterThan(0);
    expect(actual.targets.organisationsConsolidated.actual).toBeGreaterThan(0);
    expect(actual.targets.newOrganisations).toEqual({ target: 7, actual: 4, met: false, status: 'missed' }); // founded 2020 or 2021 with a 2021 product
    expect(actual.overdue.byKind.inspection_report).toBeGreaterThan(0);
    expect(
      actual.overdue.items.some(
        (i) => i.certificateNo?.startsWith('LC-2018') || i.certificateNo?.startsWith('HG-') || i.certificateNo?.startsWith('LC-2022'),
      ),
    ).toBe(false);

    // The cycle's detail (GET /cycles/:province/:year, `live`) reads the same counters in one statement.
    const cycles = new CyclesRepository(db);
    const stars = Object.fromEntries(Object.entries(actual.stars).filter(([, n]) => n > 0));
    expect(await cycles.stageCounts(P, YEAR)).toEqual({ byStage: actual.totals.byStage, starsDistribution: stars });
    expect(actual.totals.byStage.certified).toBe(actual.certified);
    expect(await cycles.stageCounts(P, 1999)).toEqual({ byStage: {}, starsDistribution: {} });

    // Other cycles and provinces: their own numbers, computed the same way.
    const p2022 = await checkProgress(P, 2022, {}, NOW2);
    expect((await cycles.stageCounts(P, 2022)).byStage).toEqual(p2022.actual.totals.byStage);
    await checkProgress('ha-giang', 2021, {}, NOW2);
    // Any instant on the final state.
    for (const now of ['2021-03-25T00:00:00.000Z', '2021-06-20T03:00:00.000Z', '2021-10-25T00:00:00.000Z', '2022-11-29T00:00:00.000Z']) {
      for (const filters of FILTER_SETS) await checkProgress(P, YEAR, filters, new Date(now));
    }
  });

  it('as of a past day (asOf): the cycle as it stood at the end of that Vietnam day, replayed from the log; today equals the live progress', async () => {
    const replaying = new CycleProgressService(
      new CycleProgressRepository(db),
      new ProjectionRebuilder(db, new EventStore(), createProjections()),
    );
    const later = new Date('2026-12-07T03:00:00.000Z');
    const asOf = async (day: string, filters: ProgressFilters = {}) => {
      const end = endOfLocalDate(day);
      const { actual } = await checkProgress(
        P,
        YEAR,
        filters,
        end,
        () => replaying.progressAsOf(P, YEAR, filters, day, later),
        log.filter((e) => Date.parse(e.occurredAt) < end.getTime()),
      );
      expect(actual.asOfDate).toBe(day);
      return actual;
    };
    for (const day of ['2021-03-25', '2021-06-20', '2021-10-25', '2022-12-14'])
      for (const filters of FILTER_SETS.slice(0, 3)) await asOf(day, filters);
    // What it must show: in March only ideas, in June nothing certified yet, by December 2022 the certificates.
    const march = await asOf('2021-03-25');
    const june = await asOf('2021-06-20');
    const december = await asOf('2022-12-14');
    expect(march.totals.products).toBeGreaterThan(0);
    expect(march.totals.products).toBeLessThan(PRODUCTS_2021);
    expect(Object.keys(march.totals.byStage).every((stage) => ['awaiting_idea_review', 'rejected'].includes(stage))).toBe(true);
    expect(june.totals.products).toBe(PRODUCTS_2021);
    expect(june.certified).toBe(0);
    expect(june.overdue.byKind.lab_result).toBeGreaterThan(0);
    expect(december.certified).toBeGreaterThan(10);
    expect(december.overdue.byKind.inspection_report).toBeGreaterThan(0);
    // 20 June is a day later than the live read of 10:00 that morning (NOW1), whose lab results were still due.
    expect(june.asOf).toBe('2021-06-20T17:00:00.000Z');

    // Today (the day of `now`): up to now, equal to what the read models answer now.
    for (const filters of FILTER_SETS) {
      const { asOfDate, ...replayed } = await replaying.progressAsOf(P, YEAR, filters, localDateKey(NOW2), NOW2);
      expect(asOfDate).toBe('2022-12-15');
      expect(replayed).toEqual(await service.progress(P, YEAR, filters, NOW2));
    }
    // Nothing was written: the live read models are untouched by the replays.
    const { actual } = await checkProgress(P, YEAR, {}, NOW2);
    expect(actual.certified).toBe(december.certified);
  });

  it('an unknown cycle is not found', async () => {
    await expect(service.progress(P, 2030, {}, NOW1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('every query is an index scan (ix_products_open_due, ix_products_certified, ix_lab_requests_open_due, ix_inspections_open_report_due, pk_cycle_progress)', async () => {
    // Fresh statistics: whether autovacuum has analysed the tables yet would otherwise decide between two usable indexes.
    await db.query('ANALYZE');
    const plan = (sql: string, params: unknown[]) =>
      db.transaction(async (m) => {
        await m.query(`SET LOCAL enable_seqscan = off`);
        const [row] = await m.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
        return JSON.stringify(row['QUERY PLAN']);
      });
    const base = [P, YEAR, null, null];
    expect(await plan(PROGRESS_SQL.productSteps, [...base, null, NOW1, 200])).toContain('"Index Name":"ix_products_open_due"');
    expect(await plan(PROGRESS_SQL.labResults, [...base, NOW1, new Date(NOW1.getTime() + UPCOMING_MS), 200])).toContain(
      '"Index Name":"ix_lab_requests_open_due"',
    );
    expect(await plan(PROGRESS_SQL.inspectionReports, [...base, NOW2, 200])).toContain('"Index Name":"ix_inspections_open_report_due"');
    // The certified counts read products through an index of the cycle; which one (the certified products', or the
    // cycle-and-stage one) is the planner's choice on a test-sized table, and both keep it off a scan of every product.
    const certified = await plan(PROGRESS_SQL.certifiedCounts, base);
    expect(certified).toMatch(/"Index Name":"(ix_products_certified|ix_products_cycle_stage)"/);
    const scans = (node: { 'Node Type'?: string; 'Relation Name'?: string; Plans?: unknown[] }): string[] => [
      ...(node['Node Type'] === 'Seq Scan' ? [node['Relation Name'] ?? '?'] : []),
      ...((node.Plans ?? []) as (typeof node)[]).flatMap(scans),
    ];
    expect(scans((JSON.parse(certified) as [{ Plan: object }])[0].Plan)).not.toContain('products');
    expect(await plan(PROGRESS_SQL.cells, base)).toContain('"Index Name":"pk_cycle_progress"');
  });

  it('after ProjectionRebuilder.rebuild() the progress is identical', async () => {
    const instants = [NOW1, NOW2, new Date('2021-10-25T00:00:00.000Z')];
    const snapshot = async () => {
      const all: CycleProgressResponse[] = [];
      for (const now of instants) for (const filters of FILTER_SETS) all.push(await service.progress(P, YEAR, filters, now));
      all.push(await service.progress(P, 2022, {}, NOW2), await service.progress('ha-giang', 2021, {}, NOW1));
      return all;
    };
    const before = await snapshot();
    const result = await new ProjectionRebuilder(db, new EventStore(), createProjections()).rebuild({ batchSize: 97 });
    expect(result.applied).toBe(result.total);
    expect(result.total).toBe(log.length);
    expect(await snapshot()).toEqual(before);
  });
});
