// The central office's national view against the real PostgreSQL: two provinces' products, certificates and cycle
// targets recorded as the workflows record them, read back by NationalService (per province, nominees, certificates
// expiring in 90 days), and the view's queries read through indexes, never a scan of every product or certificate.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createProjections, EventRecorder, EventStore } from '@ocop/persistence';
import { NationalRepository } from '../../apps/api/src/national/national.repository';
import { NationalService } from '../../apps/api/src/national/national.service';
import { openTestDatabase } from '../support/database';
import { TestJourney, TestStream } from '../support/event-streams';
import { createOwnDatabase } from '../support/own-database';

const YEAR = 2026;
const NOW = new Date('2026-12-07T03:00:00.000Z');
const SON_LA = '14';

describe('the national view', () => {
  let own: Awaited<ReturnType<typeof createOwnDatabase>>;
  let db: DataSource;
  let service: NationalService;
  const made: Record<string, string> = {};

  beforeAll(async () => {
    own = await createOwnDatabase();
    db = await openTestDatabase(own.url);
    const recorder = new EventRecorder(db, new EventStore(), createProjections());
    let n = 0;
    /** A product of the province recorded up to `stage`, with a certificate of `stars` expiring at `expiresAt`. */
    const product = async (provinceCode: string, district: string, stage: string, stars?: number, expiresAt?: string) => {
      const id = randomUUID();
      n += 1;
      const journey = new TestJourney(recorder, `product:${id}:${YEAR}`);
      await journey.record(
        'IdeaSubmitted',
        {
          productId: id,
          organisationId: randomUUID(),
          name: `Sản phẩm ${n}`,
          productGroup: 'vai-may-mac',
          districtCode: district,
          provinceCode,
          cycleYear: YEAR,
          ruleSet: 'QD1048-2019',
          workflowId: `product:${id}:${YEAR}`,
          stage: 'awaiting_idea_review',
        },
        'producer:test',
        '2026-03-01T02:00:00.000Z',
      );
      if (stars) {
        const certificateNo = `${provinceCode === SON_LA ? 'SL14' : 'LC'}-${YEAR}-${String(n).padStart(4, '0')}`;
        await journey.step(
          'CertificateIssued',
          stage,
          undefined,
          {
            certificateNo,
            stars,
            level: 'province',
            issuedAt: '2026-10-01T02:00:00.000Z',
            expiresAt: expiresAt ?? '2029-10-01T02:00:00.000Z',
          },
          'system:certification',
          '2026-10-01T02:00:00.000Z',
        );
        made[certificateNo] = id;
      } else if (stage !== 'awaiting_idea_review') {
        await journey.step('IdeaAccepted', stage, undefined, {}, 'provincial_coordinator:test', '2026-03-05T02:00:00.000Z');
      }
      return id;
    };
    await product('lao-cai', 'bac-ha', 'certified', 3);
    await product('lao-cai', 'bac-ha', 'certified', 4, '2027-01-20T00:00:00.000Z'); // within 90 days of NOW
    await product('lao-cai', 'bat-xat', 'business_plan_due');
    made.sonLaNominee = await product(SON_LA, '123', 'awaiting_central_session', 4);
    await product(SON_LA, '123', 'certified', 3, '2027-06-01T00:00:00.000Z'); // after 90 days
    await product(SON_LA, '123', 'awaiting_idea_review');
    for (const [province, target] of [
      ['lao-cai', 30],
      [SON_LA, 8],
    ] as const) {
      await new TestStream(recorder, `cycle:${province}:${YEAR}`).record(
        'CycleOpened',
        { provinceCode: province, year: YEAR, ruleSet: 'QD1048-2019', calendar: {}, targets: { newCertifiedProducts: target } },
        'system:cycle',
        '2026-01-05T02:00:00.000Z',
      );
    }
    service = new NationalService(new NationalRepository(db));
  });
  afterAll(async () => {
    await db?.destroy();
    await own?.drop();
  });

  it('counts each province’s products, certificates in force by stars, target and nominees, and the nation’s totals', async () => {
    const view = await service.overview({ year: YEAR }, NOW);
    expect(view.provinces.map((p) => [p.provinceCode, p.name, p.products, p.stars, p.certified, p.target, p.nominees])).toEqual([
      [SON_LA, 'Tỉnh Sơn La', 3, { three: 1, four: 1, five: 0 }, 2, 8, 1],
      ['lao-cai', 'Tỉnh Lào Cai', 3, { three: 1, four: 1, five: 0 }, 2, 30, 0],
    ]);
    expect(view.total).toMatchObject({ provinceCode: 'vn', products: 6, certified: 4, target: 38, nominees: 1 });
    expect(view.nominees).toEqual([
      expect.objectContaining({ productId: made.sonLaNominee, provinceCode: SON_LA, provinceName: 'Tỉnh Sơn La' }),
    ]);
    expect(view.expiring.map((c) => c.certificateNo)).toEqual(['LC-2026-0002']);
    expect(view).toMatchObject({ nomineesTotal: 1, expiringTotal: 1, expiringWithinDays: 90 });
    // Another year holds nothing of this one.
    expect((await service.overview({ year: 2025 }, NOW)).provinces).toEqual([]);
  });

  it('reads through indexes, never a scan of every product or certificate', async () => {
    await db.query('ANALYZE');
    const scans = async (sql: string, params: unknown[]) =>
      db.transaction(async (m) => {
        await m.query(`SET LOCAL enable_seqscan = off`);
        const [row] = await m.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
        const seq = (node: { 'Node Type'?: string; 'Relation Name'?: string; Plans?: unknown[] }): string[] => [
          ...(node['Node Type'] === 'Seq Scan' ? [node['Relation Name'] ?? '?'] : []),
          ...((node.Plans ?? []) as (typeof node)[]).flatMap(seq),
        ];
        return { seq: seq(row['QUERY PLAN'][0].Plan), plan: JSON.stringify(row['QUERY PLAN']) };
      });
    const queries: string[] = [];
    const spy = jest.spyOn(db, 'query').mockImplementation(async (sql: string) => {
      queries.push(sql);
      return [];
    });
    const repository = new NationalRepository(db);
    await repository.provinces(YEAR);
    await repository.nominees(YEAR, 200);
    await repository.expiring(NOW, 90, 200);
    spy.mockRestore();
    // provinces(): products from the counters, certificates by province, the cycles; then the nominees' page, and the
    // expiring certificates' page and count.
    const [products, certificates, , nominees, expiring, expiringCount] = queries as string[];
    const fromCounters = await scans(products!, [YEAR, 'awaiting_central_session']);
    expect(fromCounters.plan).toContain('"Relation Name":"cycle_progress"');
    const byStars = await scans(certificates!, [YEAR]);
    expect(byStars.seq).toEqual([]);
    expect(byStars.plan).toContain('"Index Name":"ix_certificates_national"');
    expect(queries.filter((sql) => /\bproducts\b/.test(sql) && !/cycle_progress/.test(sql))).toEqual([nominees]);
    expect((await scans(nominees!, [YEAR, 'awaiting_central_session', 200])).plan).toContain('"Index Name":"ix_products_nominees"');
    expect((await scans(expiring!, [NOW, 90, 200])).plan).toContain('"Index Name":"ix_certificates_expiry"');
    expect((await scans(expiringCount!, [NOW, 90])).plan).toContain('"Index Name":"ix_certificates_expiry"');
  });
});
