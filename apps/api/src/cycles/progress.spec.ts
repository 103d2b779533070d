import { defaultCycleCalendar } from '@ocop/domain';
import {
  byDueDate,
  calendarWindowsBetween,
  DeadlineItem,
  districtCells,
  mergeDeadlines,
  progressByArea,
  stageTotals,
  targetsProgress,
  upcomingUntil,
} from './progress';

describe('stageTotals', () => {
  it.each([
    ['nothing', [], { products: 0, byStage: {} }],
    [
      'cells of one stage in several districts and groups add up',
      [
        { stage: 'dossier_due', districtCode: 'bac-ha', productGroup: 'do-uong', products: 2 },
        { stage: 'dossier_due', districtCode: 'bat-xat', productGroup: 'thuc-pham', products: 3 },
        { stage: 'certified', districtCode: 'bac-ha', productGroup: 'do-uong', products: 1 },
      ],
      { products: 6, byStage: { dossier_due: 5, certified: 1 } },
    ],
  ])('%s', (_case, cells, expected) => {
    expect(stageTotals(cells)).toEqual(expected);
  });
});

describe('targetsProgress', () => {
  const actual = { newCertifiedProducts: 30, organisationsConsolidated: 11, newOrganisations: 0 };
  it.each([
    [
      'the Lào Cai 2021 plan: met exactly, one short, none',
      { newCertifiedProducts: 30, organisationsConsolidated: 12, newOrganisations: 7 },
      {
        newCertifiedProducts: { target: 30, actual: 30, met: true, status: 'met' },
        organisationsConsolidated: { target: 12, actual: 11, met: false, status: 'missed' },
        newOrganisations: { target: 7, actual: 0, met: false, status: 'missed' },
      },
    ],
    [
      'zero targets are no targets, never "met"',
      { newCertifiedProducts: 0, organisationsConsolidated: 0, newOrganisations: 0 },
      {
        newCertifiedProducts: { target: 0, actual: 30, met: false, status: 'no_target' },
        organisationsConsolidated: { target: 0, actual: 11, met: false, status: 'no_target' },
        newOrganisations: { target: 0, actual: 0, met: false, status: 'no_target' },
      },
    ],
    [
      'missing or broken targets read as 0',
      { newCertifiedProducts: 'x' as unknown as number },
      {
        newCertifiedProducts: { target: 0, actual: 30, met: false, status: 'no_target' },
        organisationsConsolidated: { target: 0, actual: 11, met: false, status: 'no_target' },
        newOrganisations: { target: 0, actual: 0, met: false, status: 'no_target' },
      },
    ],
  ])('%s', (_case, targets, expected) => {
    expect(targetsProgress(targets, actual)).toEqual(expected);
  });
  it('no targets at all', () =>
    expect(targetsProgress(null, actual).organisationsConsolidated).toEqual({ target: 0, actual: 11, met: false, status: 'no_target' }));
});

describe('calendarWindowsBetween', () => {
  const calendar = defaultCycleCalendar(2027); // ideas 31/3, plans 30/4, dossiers 31/5, district 31/7, province 30/9, certification 31/10 (17:00Z)
  it.each([
    ['two weeks before the idea window closes', '2027-03-20T00:00:00Z', 14, ['ideaWindowClosesAt']],
    ['the closing instant itself is included', '2027-03-31T17:00:00Z', 14, ['ideaWindowClosesAt']],
    ['one ms after it: gone', '2027-03-31T17:00:00.001Z', 14, []],
    ['a window exactly at the end is excluded', '2027-04-16T17:00:00Z', 14, []],
    ['a long view sees several, in calendar order', '2027-04-01T00:00:00Z', 70, ['businessPlanDueAt', 'dossierDueAt']],
    ['after the cycle: none', '2027-12-01T00:00:00Z', 14, []],
  ])('%s', (_case, now, days, windows) => {
    const from = new Date(now);
    const items = calendarWindowsBetween(calendar, from, upcomingUntil(from, days), 'lao-cai', 2027);
    expect(items.map((i) => i.window)).toEqual(windows);
    for (const item of items)
      expect(item).toMatchObject({
        kind: 'calendar_window',
        link: '/cycles/lao-cai/2027',
        dueAt: calendar[item.window as keyof typeof calendar],
      });
  });
  it('ignores windows that are missing or not dates', () => {
    expect(calendarWindowsBetween({ ideaWindowClosesAt: 'soon' }, new Date('2027-01-01'), new Date('2028-01-01'), 'lao-cai', 2027)).toEqual(
      [],
    );
  });
});

describe('mergeDeadlines and byDueDate', () => {
  const item = (kind: DeadlineItem['kind'], dueAt: string, id: string): DeadlineItem => ({
    kind,
    dueAt,
    link: `/x/${id}`,
    ...(kind === 'session' ? { sessionId: id } : { productId: id }),
  });
  it.each([
    [
      'earliest first',
      [item('product_step', '2027-05-02T00:00:00.000Z', 'b'), item('session', '2027-05-01T00:00:00.000Z', 'a')],
      ['a', 'b'],
    ],
    [
      'same time: by kind, then id',
      [
        item('session', '2027-05-01T00:00:00.000Z', 's'),
        item('product_step', '2027-05-01T00:00:00.000Z', 'q'),
        item('product_step', '2027-05-01T00:00:00.000Z', 'p'),
      ],
      ['p', 'q', 's'],
    ],
  ])('%s', (_case, items, order) => {
    expect([...items].sort(byDueDate).map((i) => i.productId ?? i.sessionId)).toEqual(order);
  });

  it('totals count every item even when the list is cut at the limit', () => {
    const merged = mergeDeadlines(
      ['product_step', 'session'] as const,
      [
        {
          kind: 'product_step',
          total: 250,
          items: [item('product_step', '2027-05-03T00:00:00.000Z', 'p1'), item('product_step', '2027-05-01T00:00:00.000Z', 'p2')],
        },
        { kind: 'session', total: 1, items: [item('session', '2027-05-02T00:00:00.000Z', 's1')] },
      ],
      2,
    );
    expect(merged).toEqual({
      total: 251,
      byKind: { product_step: 250, session: 1 },
      items: [expect.objectContaining({ productId: 'p2' }), expect.objectContaining({ sessionId: 's1' })],
    });
  });
});

describe('progressByArea', () => {
  it.each([
    ['nothing', 'commune', [], []],
    [
      'a commune cycle: products by commune, named from the 2025 map, the most first; one of no commune last',
      'commune',
      [
        { areaCode: '02839', stage: 'awaiting_commune_check', products: 1 },
        { areaCode: '02890', stage: 'awaiting_commune_check', products: 2 },
        { areaCode: '02890', stage: 'awaiting_province_session', products: 1 },
        { areaCode: null, stage: 'dossier_due', products: 1 },
      ],
      [
        {
          level: 'commune',
          code: '02890',
          name: 'Xã Bảo Nhai',
          products: 3,
          byStage: { awaiting_commune_check: 2, awaiting_province_session: 1 },
        },
        { level: 'commune', code: '02839', name: 'Xã Bắc Hà', products: 1, byStage: { awaiting_commune_check: 1 } },
        { level: 'commune', code: null, name: 'Chưa xác định xã / No commune', products: 1, byStage: { dossier_due: 1 } },
      ],
    ],
    [
      'a district cycle: the cells’ districts, named (the 2021 plan’s and the old map’s)',
      'district',
      districtCells([
        { stage: 'dossier_due', districtCode: 'bac-ha', productGroup: 'do-uong', products: 2 },
        { stage: 'certified', districtCode: 'bac-ha', productGroup: 'thuc-pham', products: 1 },
        { stage: 'dossier_due', districtCode: '123', productGroup: 'do-uong', products: 1 },
      ]),
      [
        { level: 'district', code: 'bac-ha', name: 'Huyện Bắc Hà', products: 3, byStage: { dossier_due: 2, certified: 1 } },
        { level: 'district', code: '123', name: 'Thị xã Mộc Châu', products: 1, byStage: { dossier_due: 1 } },
      ],
    ],
  ] as const)('%s', (_case, level, cells, expected) => {
    expect(progressByArea(level, cells)).toEqual(expected);
  });
});
