// The coordinators' register (GET /products through ProductsService) against the real PostgreSQL: 1,000 products
// recorded as the workflows record them (events through the real recorder and projections), searched by name,
// organisation and certificate number with or without diacritics, filtered, sorted and paged to the end in every
// order without a product repeated or lost; a rebuild from the log finds the same products.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createProjections, EventRecorder, EventStore, ProjectionRebuilder } from '@ocop/persistence';
import type { AuthUser } from '@ocop/identity';
import type { ListProductsQuery } from '../../apps/api/src/products/dto/list-products.query';
import type { ProductSummaryResponse } from '../../apps/api/src/products/dto/product.response';
import { ProductsRepository } from '../../apps/api/src/products/products.repository';
import { ProductsService } from '../../apps/api/src/products/products.service';
import { CertificatesRepository } from '../../apps/api/src/certificates/certificates.repository';
import { OrganisationsRepository } from '../../apps/api/src/organisations/organisations.repository';
import { openTestDatabase } from '../support/database';
import { TestJourney, TestStream } from '../support/event-streams';
import { createOwnDatabase } from '../support/own-database';

const YEAR = 2027;
const N = 1000;
const DISTRICTS = ['bac-ha', 'bat-xat', 'tx-sa-pa', 'muong-khuong', 'van-ban'];
const NAMES = ['Chè Shan tuyết', 'Rượu mận tam hoa', 'Mật ong bạc hà', 'Thổ cẩm dệt tay', 'Quế Văn Bàn', 'Đường phèn'];
const STAGES = ['awaiting_idea_review', 'business_plan_due', 'dossier_due', 'awaiting_district_session', 'certified'];
const ADMIN = { userId: 'u-admin', username: 'admin', displayName: 'Admin', role: 'admin', via: 'token' } as AuthUser;
const BAT_XAT = {
  userId: 'u-bx',
  username: 'huyen.batxat',
  displayName: 'Huyện Bát Xát',
  role: 'district_coordinator',
  districtCode: 'bat-xat',
  provinceCode: 'lao-cai',
  via: 'token',
} as AuthUser;

interface Made {
  id: string;
  name: string;
  district: string;
  stage: string;
  certificateNo?: string;
}

describe('the product register: search without diacritics, filters, sorting and paging through 1,000 products', () => {
  let own: Awaited<ReturnType<typeof createOwnDatabase>>;
  let db: DataSource;
  let service: ProductsService;
  const made: Made[] = [];
  const orgs = DISTRICTS.map((district, i) => ({
    id: randomUUID(),
    district,
    name: i === 1 ? 'Công ty TNHH Chè Shan tuyết Bát Xát' : `HTX Nông sản ${['Bắc Hà', '', 'Sa Pa', 'Mường Khương', 'Văn Bàn'][i]}`,
  }));

  beforeAll(async () => {
    own = await createOwnDatabase();
    db = await openTestDatabase(own.url);
    const recorder = new EventRecorder(db, new EventStore(), createProjections());
    for (const o of orgs) {
      await new TestStream(recorder, `organisation:${o.id}`).record(
        'OrganisationRegistered',
        { organisationId: o.id, name: o.name, producerType: 'htx', provinceCode: 'lao-cai', districtCode: o.district },
        'admin:u-admin',
        '2027-01-05T02:00:00.000Z',
      );
    }
    const base = Date.parse('2027-01-10T02:00:00.000Z');
    for (let i = 0; i < N; i += 1) {
      const o = orgs[i % orgs.length]!;
      const id = randomUUID();
      const name = `${NAMES[i % NAMES.length]} ${String(i).padStart(4, '0')}`;
      const stage = STAGES[i % STAGES.length]!;
      const journey = new TestJourney(recorder, `product:${id}:${YEAR}`);
      // Several products share a submission time, so the tie-break on the workflow id is exercised.
      const at = new Date(base + Math.floor(i / 3) * 60_000).toISOString();
      const due = stage === 'certified' ? undefined : new Date(base + ((i * 7919) % N) * 3_600_000).toISOString();
      await journey.step(
        'IdeaSubmitted',
        'awaiting_idea_review',
        due,
        {
          productId: id,
          organisationId: o.id,
          name,
          productGroup: 'thuc-pham',
          districtCode: o.district,
          provinceCode: 'lao-cai',
          cycleYear: YEAR,
          ruleSet: 'QD1048-2019',
          workflowId: journey.streamId,
        },
        `producer:p-${i}`,
        at,
      );
      const certificateNo = stage === 'certified' ? `LC-${YEAR}-${String(i).padStart(4, '0')}` : undefined;
      if (stage !== 'awaiting_idea_review') {
        await journey.step(
          stage === 'certified' ? 'CertificateIssued' : 'IdeaAccepted',
          stage,
          due,
          certificateNo ? { certificateNo, stars: 3 + (i % 3), issuedAt: at, expiresAt: '2030-01-10T02:00:00.000Z' } : {},
          'system:journey',
          at,
        );
      }
      made.push({ id, name, district: o.district, stage, ...(certificateNo ? { certificateNo } : {}) });
    }
    service = new ProductsService(undefined as never, new ProductsRepository(db), undefined as never, undefined as never);
  }, 600_000);

  afterAll(async () => {
    await db?.destroy();
    await own?.drop();
  });

  const list = (query: Partial<ListProductsQuery>, user = ADMIN) => service.list({ cycleYear: YEAR, ...query } as ListProductsQuery, user);

  async function all(
    query: Partial<ListProductsQuery>,
    user = ADMIN,
  ): Promise<{ items: ProductSummaryResponse[]; pages: number; totals: number[] }> {
    const items: ProductSummaryResponse[] = [];
    const totals: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list({ ...query, ...(cursor ? { cursor } : {}) }, user);
      items.push(...page.items);
      totals.push(page.total);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    return { items, pages, totals };
  }

  it.each(['newest', 'name', 'due'] as const)(
    'pages through all 1,000 products sorted by %s: none repeated, none lost, in order',
    async (sort) => {
      const { items, pages, totals } = await all({ sort, limit: 73 });
      expect(pages).toBe(Math.ceil(N / 73));
      expect(new Set(totals)).toEqual(new Set([N]));
      expect(items).toHaveLength(N);
      expect(new Set(items.map((p) => p.id)).size).toBe(N);
      const key = (p: ProductSummaryResponse) => (sort === 'name' ? p.name : sort === 'due' ? (p.dueAt ?? '9999') : p.submittedAt);
      for (let i = 1; i < items.length; i += 1) {
        const [a, b] = [key(items[i - 1]!), key(items[i]!)];
        if (sort === 'newest') expect(a >= b).toBe(true);
        else if (sort === 'due') expect(a <= b).toBe(true);
      }
      if (sort === 'name') expect(items.map((p) => p.name)).toEqual(made.map((m) => m.name).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    },
  );

  it('finds products by name without diacritics, in any case, as with them', async () => {
    const expected = made
      .filter((m) => m.name.startsWith('Chè Shan tuyết'))
      .map((m) => m.id)
      .sort();
    for (const q of ['che shan tuyet', 'CHE SHAN', 'Chè Shan tuyết', 'shan   TUYET']) {
      const { items } = await all({ q, limit: 200 });
      // The Bát Xát company's name says "Chè Shan tuyết" too: its products of every name are found as well.
      const byOrg = made.filter((m) => m.district === 'bat-xat').map((m) => m.id);
      expect(items.map((p) => p.id).sort()).toEqual([...new Set([...expected, ...byOrg])].sort());
    }
    const { items: honey } = await all({ q: 'mat ong bac ha 0002' });
    expect(honey.map((p) => p.name)).toEqual(['Mật ong bạc hà 0002']);
    const { items: sugar } = await all({ q: 'duong phen' });
    expect(sugar).toHaveLength(made.filter((m) => m.name.startsWith('Đường phèn')).length);
  });

  it('finds a product by its certificate number and by its organisation', async () => {
    const certified = made.find((m) => m.certificateNo)!;
    const byNo = await list({ q: certified.certificateNo!.toLowerCase() });
    expect(byNo.items.map((p) => p.id)).toEqual([certified.id]);
    const byOrg = await all({ q: 'NONG SAN sa pa' });
    expect(byOrg.items.length).toBe(made.filter((m) => m.district === DISTRICTS[2]).length);
    expect(new Set(byOrg.items.map((p) => p.organisationName))).toEqual(new Set(['HTX Nông sản Sa Pa']));
  });

  it('combines the search with filters and the caller’s area; % and _ are literal', async () => {
    const { items, totals } = await all({ q: 'che', stage: ['certified'], limit: 10 });
    const expected = made.filter((m) => m.stage === 'certified' && (m.name.startsWith('Chè') || m.district === 'bat-xat'));
    expect(items.map((p) => p.id).sort()).toEqual(expected.map((m) => m.id).sort());
    expect(totals[0]).toBe(expected.length);
    const scoped = await all({ q: 'que van ban' }, BAT_XAT);
    expect(scoped.items.length).toBeGreaterThan(0);
    expect(scoped.items.every((p) => p.district === 'bat-xat' && p.name.startsWith('Quế Văn Bàn'))).toBe(true);
    expect((await list({ q: '%' })).total).toBe(0);
    expect((await list({ q: '_' })).total).toBe(0);
  });

  it('filters by several stages at once (a dashboard number that counts several), paging to the end', async () => {
    const stages = ['business_plan_due', 'awaiting_district_session', 'certified'];
    const { items, totals } = await all({ stage: stages, sort: 'name', limit: 97 });
    const expected = made.filter((m) => stages.includes(m.stage));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(N);
    expect(new Set(totals)).toEqual(new Set([expected.length]));
    expect(items.map((p) => p.id).sort()).toEqual(expected.map((m) => m.id).sort());
    expect(new Set(items.map((p) => p.stage))).toEqual(new Set(stages));
    const district = await all({ stage: stages, district: 'bac-ha' });
    expect(district.items.map((p) => p.id).sort()).toEqual(
      expected
        .filter((m) => m.district === 'bac-ha')
        .map((m) => m.id)
        .sort(),
    );
  });

  it('refuses a cursor of another sort, naming the field', async () => {
    const page = await list({ sort: 'name', limit: 5 });
    await expect(list({ sort: 'newest', cursor: page.nextCursor! })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'cursor' },
    });
  });

  it('searches organisations and certificates the same way', async () => {
    const orgRepo = new OrganisationsRepository(db);
    const found = await orgRepo.list({}, { q: 'cong ty che shan tuyet' }, 10, 0);
    expect(found.rows.map((r) => r.name)).toEqual(['Công ty TNHH Chè Shan tuyết Bát Xát']);
    expect(found.total).toBe(1);
    const certificates = new CertificatesRepository(db);
    const certified = made.find((m) => m.certificateNo)!;
    const byNo = await certificates.list({}, { q: certified.certificateNo! }, 10, 0, new Date());
    expect(byNo.rows.map((r) => r.product_id)).toEqual([certified.id]);
    const tea = await certificates.list({}, { q: 'che shan tuyet' }, 500, 0, new Date());
    const expected = made.filter((m) => m.certificateNo && (m.name.startsWith('Chè') || m.district === 'bat-xat'));
    expect(tea.total).toBe(expected.length);
    expect(tea.rows.map((r) => r.product_id).sort()).toEqual(expected.map((m) => m.id).sort());
  });

  it('finds the same products after a rebuild of the read models from the event log', async () => {
    const found = async () => (await all({ q: 'che shan tuyet', sort: 'name', limit: 200 })).items.map((p) => p.id);
    const before = await found();
    expect(before.length).toBeGreaterThan(0);
    await new ProjectionRebuilder(db, new EventStore(), createProjections()).rebuild({ batchSize: 250 });
    expect(await found()).toEqual(before);
  }, 120_000);
});
