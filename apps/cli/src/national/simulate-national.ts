import { randomBytes, randomUUID } from 'node:crypto';
import { provincePrefix } from '@ocop/certificates';
import { waitingStageFor } from '@ocop/contracts';
import { firstLevel, levelAction, ruleSet } from '@ocop/domain';
import { Limiter } from '@ocop/temporal';
import { bringToDossier, dossierCheckerOf, ProvinceOffice, runSession, staffProvince, waitForProduct } from './national-offices';
import { CyclePlan, expectedOutcome, ExpectedOutcome, NationalPlan, planNationalYear, ProductPlan, YearSpec } from './national-plan';
import { OfficeClient } from './office-client';

export interface NationalSimulationOptions {
  readonly apiUrl: string;
  readonly admin: { readonly username: string; readonly password: string };
  /** How many of the 34 provinces take part (all by default). */
  readonly provinces: number;
  readonly perProvince: number;
  readonly current: YearSpec;
  readonly past: readonly YearSpec[];
  /** How long a rule "day" of the simulated cycles lasts (the central session takes the same). */
  readonly dayMs: number;
  /** Provinces worked on at once. */
  readonly concurrency: number;
  readonly log: (line: string) => void;
}

export interface NationalReport {
  readonly runId: string;
  readonly provinces: number;
  readonly cycles: readonly {
    provinceCode: string;
    year: number;
    ruleSet: string;
    map: string;
    areaLevel: string;
    certificates: string[];
  }[];
  readonly central: readonly { year: number; sessionId: string; agenda: number; provinces: string[] }[];
  readonly mismatches: readonly string[];
  readonly ok: boolean;
  readonly seconds: number;
}

interface SimulatedProduct {
  readonly cycle: CyclePlan;
  readonly plan: ProductPlan;
  readonly expected: ExpectedOutcome;
  readonly office: ProvinceOffice;
  readonly id: string;
}

interface NationalProvince {
  provinceCode: string;
  products: number;
  nominees: number;
  stars: { three: number; four: number; five: number };
  target: number | null;
}
interface NationalView {
  provinces: NationalProvince[];
  total: NationalProvince;
  nominees: { productId: string; provinceCode: string }[];
}

/**
 * A national year over HTTP, as the offices would live it: every province of the 2025 map (or the first N) staffed
 * with its own people, running its own cycle of the current year under QĐ 1489/2025 — and some a past year under
 * 1048/2019 or 148/2023 on the legacy map — through their councils to the central office's national session, which
 * takes each year's nominees from every province and decides their 5★. Then it checks what it drove against what
 * the API shows: each product's end, each province's certificates and their prefixes, the nominees on the central
 * agenda, that no province's coordinator sees another's products, and the national view's figures.
 */
export async function simulateNationalYear(options: NationalSimulationOptions): Promise<NationalReport> {
  const started = Date.now();
  const runId = randomUUID().slice(0, 8);
  const password = `Sim-${randomBytes(12).toString('base64url')}-${runId}`;
  const admin = options.admin.username;
  const api = new OfficeClient(options.apiUrl, (username) => (username === admin ? options.admin.password : password));
  const plan = planNationalYear(options);
  const { log } = options;
  const mismatches: string[] = [];
  log(
    `run ${runId}: ${plan.provinceCodes.length} provinces, ${plan.cycles.length} cycles (${plan.years.map((y) => `${y.year} ${y.ruleSet}`).join(', ')}), ` +
      `${options.perProvince} products each, a rule "day" lasts ${options.dayMs} ms`,
  );

  const centralOffice = (
    await api.ok<{ username: string }>(admin, 'POST', '/users', {
      username: `sim-${runId}-trunguong`,
      displayName: 'Văn phòng Điều phối nông thôn mới Trung ương (mô phỏng)',
      password,
      role: 'central_coordinator',
    })
  ).username;
  const national = (year: number) => api.ok<NationalView>(centralOffice, 'GET', `/national?year=${year}`);
  const before = new Map(await Promise.all(plan.years.map(async (y) => [y.year, await national(y.year)] as const)));

  const limiter = new Limiter(options.concurrency);
  const offices = new Map(
    await Promise.all(
      plan.provinceCodes.map((code) => limiter.run(async () => [code, await staffProvince(api, admin, runId, code, password)] as const)),
    ),
  );
  log(`${offices.size} provinces staffed: coordinators, a council of three, a cooperative and its producer each`);

  const products = (
    await Promise.all(
      plan.cycles.map((cycle) =>
        limiter.run(() => runProvincialCycle(api, admin, runId, cycle, offices.get(cycle.provinceCode)!, options.dayMs)),
      ),
    )
  ).flat();
  log(
    `${plan.cycles.length} provincial cycles through their councils: ${products.filter((p) => p.expected.nominee).length} nominees await the centre`,
  );

  // Each year's central session, side by side.
  const central = (
    await Promise.all(
      plan.years.map(async (year) => {
        const nominees = products.filter((p) => p.cycle.year === year.year && p.expected.nominee);
        if (nominees.length === 0) return [];
        const session = await runCentralSession(
          api,
          centralOffice,
          year.year,
          nominees,
          [...offices.values()],
          await national(year.year),
          mismatches,
        );
        log(`${year.year}: the central session decided on ${nominees.length} nominees of ${session.provinces.length} provinces`);
        return [session];
      }),
    )
  ).flat();

  await Promise.all(products.map((p) => checkEnd(api, p, mismatches)));
  const certificates = await Promise.all(plan.cycles.map((cycle) => checkCertificates(api, centralOffice, cycle, products, mismatches)));
  await checkSeparation(api, plan, offices, products, mismatches);
  for (const year of plan.years)
    checkNationalView(year.year, plan, products, before.get(year.year)!, await national(year.year), mismatches);
  log(mismatches.length === 0 ? 'every expectation met' : `${mismatches.length} expectations not met`);

  return {
    runId,
    provinces: plan.provinceCodes.length,
    cycles: plan.cycles.map((c, i) => ({
      provinceCode: c.provinceCode,
      year: c.year,
      ruleSet: c.ruleSet,
      map: c.map,
      areaLevel: c.areaLevel,
      certificates: certificates[i]!,
    })),
    central,
    mismatches,
    ok: mismatches.length === 0,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * One province's year: the admin opens its cycle (a compressed calendar), its producer brings each product to the
 * dossier, the first level (district council, or the commune's dossier check) and the provincial council follow
 * the rule set's levels, and the products wait — ended, or nominated with the province's 4★.
 */
async function runProvincialCycle(
  api: OfficeClient,
  admin: string,
  runId: string,
  cycle: CyclePlan,
  office: ProvinceOffice,
  dayMs: number,
): Promise<SimulatedProduct[]> {
  const expected = cycle.products.map((plan) => expectedOutcome(plan.fate, cycle.ruleSet));
  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const opened = await api.call(admin, 'POST', '/cycles', {
    provinceCode: cycle.provinceCode,
    year: cycle.year,
    ruleSet: cycle.ruleSet,
    calendar: {
      ideaWindowClosesAt: at(2),
      businessPlanDueAt: at(3),
      dossierDueAt: at(4),
      districtSessionsCloseAt: at(10),
      provincialSessionsCloseAt: at(20),
      certificationAt: at(30),
      labTurnaroundDays: 60,
      inspectionReportDays: 30,
    },
    dayLengthMs: dayMs,
    targets: {
      newCertifiedProducts: expected.filter((e) => e.stage === 'certified').length,
      organisationsConsolidated: 0,
      newOrganisations: 1,
    },
  });
  if (opened.status !== 201)
    throw new Error(
      `could not open ${cycle.provinceCode}/${cycle.year}: ${opened.status} ${JSON.stringify(opened.body)}` +
        (opened.body?.code === 'ALREADY_EXISTS' ? ' — a cycle is opened once: simulate other years (--year, --past)' : ''),
    );

  const products: SimulatedProduct[] = await Promise.all(
    cycle.products.map(async (plan, i) => {
      const name = `Sản phẩm mô phỏng ${runId} ${cycle.provinceCode}-${cycle.year}-${plan.index + 1}`;
      const id = await bringToDossier(api, office, {
        name,
        productGroup: plan.productGroup,
        cycleYear: cycle.year,
        rejected: plan.fate === 'rejected',
      });
      return { cycle, plan, expected: expected[i]!, office, id };
    }),
  );

  for (const level of ruleSet(cycle.ruleSet).levels) {
    if (level.level === 'central') break;
    const here = products.filter(
      (p) =>
        p.expected.means[level.level] !== undefined ||
        (levelAction(cycle.ruleSet, level.level) === 'check-dossier' && p.expected.stage !== 'rejected'),
    );
    if (here.length === 0) continue;
    await Promise.all(
      here.map((p) =>
        waitForProduct(
          api,
          office.coordinator,
          p.id,
          (v) => v.stage === waitingStageFor(level.level),
          `at ${waitingStageFor(level.level)}`,
        ),
      ),
    );
    if (level.action === 'check-dossier') {
      for (const p of here) await api.ok(dossierCheckerOf(office), 'POST', `/products/${p.id}/dossier-check`, { passed: true });
      continue;
    }
    const first = level.level === firstLevel(cycle.ruleSet) && level.level === 'district';
    await runSession(
      api,
      first ? office.districtCoordinator : office.coordinator,
      { level: level.level, areaCode: first ? office.districtCode : office.code, cycleYear: cycle.year },
      cycle.ruleSet,
      office.council,
      here.map((p) => ({ id: p.id, mean: p.expected.means[level.level]! })),
    );
  }
  await Promise.all(
    products
      .filter((p) => p.expected.nominee)
      .map((p) =>
        waitForProduct(
          api,
          office.coordinator,
          p.id,
          (v) => v.stage === waitingStageFor('central') && !!v.certificateNo,
          'nominated with its 4★',
        ),
      ),
  );
  return products;
}

/**
 * The central office's session of the year: it finds the nominees in its national view (the provinces' own
 * journeys: nobody copied them), puts them on the agenda of a council drawn from several provinces, which scores
 * them; the chair closes it.
 */
async function runCentralSession(
  api: OfficeClient,
  centralOffice: string,
  year: number,
  nominees: readonly SimulatedProduct[],
  offices: readonly ProvinceOffice[],
  view: NationalView,
  mismatches: string[],
): Promise<{ year: number; sessionId: string; agenda: number; provinces: string[] }> {
  const ours = new Set(nominees.map((n) => n.id));
  const listed = view.nominees.filter((n) => ours.has(n.productId));
  if (listed.length !== nominees.length)
    mismatches.push(`${year}: the national view lists ${listed.length} of the ${nominees.length} nominees awaiting the centre`);
  const chairs = offices.map((o) => o.council);
  const council =
    chairs.length >= 3
      ? { usernames: chairs.slice(0, 5).map((c) => c.usernames[0]!), ids: chairs.slice(0, 5).map((c) => c.ids[0]!) }
      : chairs[0]!;
  const sessionId = await runSession(
    api,
    centralOffice,
    { level: 'central', areaCode: 'vn', cycleYear: year },
    nominees[0]!.cycle.ruleSet,
    council,
    listed.map((n) => ({ id: n.productId, mean: nominees.find((p) => p.id === n.productId)!.expected.means.central! })),
  );
  const agenda = await api.ok<{ productId: string }[]>(centralOffice, 'GET', `/sessions/${sessionId}/products`);
  const onAgenda = nominees.filter((n) => agenda.some((a) => a.productId === n.id));
  const provinces = [...new Set(onAgenda.map((n) => n.office.code))].sort();
  if (onAgenda.length !== nominees.length)
    mismatches.push(`${year}: ${onAgenda.length} of ${nominees.length} nominees reached the central agenda`);
  if (new Set(nominees.map((n) => n.office.code)).size !== provinces.length)
    mismatches.push(
      `${year}: the central agenda holds nominees of ${provinces.length} provinces, expected ${new Set(nominees.map((n) => n.office.code)).size}`,
    );
  return { year, sessionId, agenda: agenda.length, provinces };
}

/** The product ended as its fate says: stage and stars. */
async function checkEnd(api: OfficeClient, p: SimulatedProduct, mismatches: string[]): Promise<void> {
  const ended = (v: { stage: string; stars?: number }) =>
    v.stage === p.expected.stage && (p.expected.stars === undefined || v.stars === p.expected.stars);
  try {
    await waitForProduct(api, p.office.coordinator, p.id, ended, `ending ${p.expected.stage}`);
  } catch (error) {
    const got = await api.ok(p.office.coordinator, 'GET', `/products/${p.id}`);
    mismatches.push(
      `${p.cycle.provinceCode}/${p.cycle.year} ${p.plan.fate} ${p.id}: expected ${p.expected.stage}${p.expected.stars ? ` ${p.expected.stars}★` : ''}, got ${got.stage}${got.stars ? ` ${got.stars}★` : ''} (${(error as Error).message.slice(0, 120)})`,
    );
  }
}

/** The province's certificates of the year, as the national register lists them: how many, and its prefix on each. */
async function checkCertificates(
  api: OfficeClient,
  centralOffice: string,
  cycle: CyclePlan,
  products: readonly SimulatedProduct[],
  mismatches: string[],
): Promise<string[]> {
  const mine = products.filter((p) => p.cycle === cycle);
  const ids = new Set(mine.map((p) => p.id));
  const page = await api.ok<{ items: { certificateNo: string; productId: string }[] }>(
    centralOffice,
    'GET',
    `/certificates?province=${cycle.provinceCode}&cycleYear=${cycle.year}&limit=200`,
  );
  const numbers = page.items
    .filter((c) => ids.has(c.productId))
    .map((c) => c.certificateNo)
    .sort();
  const expected = mine.reduce((n, p) => n + p.expected.certificates, 0);
  if (numbers.length !== expected)
    mismatches.push(`${cycle.provinceCode}/${cycle.year}: ${numbers.length} certificates issued, expected ${expected}`);
  const prefix = `${provincePrefix(cycle.provinceCode)}-${cycle.year}-`;
  for (const no of numbers.filter((n) => !n.startsWith(prefix) || !/^\d{4,}$/.test(n.slice(prefix.length))))
    mismatches.push(`${cycle.provinceCode}/${cycle.year}: certificate ${no} does not carry the province's prefix ${prefix}`);
  return numbers;
}

/** Each province's coordinator lists only its province's products and is refused its neighbour's. */
async function checkSeparation(
  api: OfficeClient,
  plan: NationalPlan,
  offices: ReadonlyMap<string, ProvinceOffice>,
  products: readonly SimulatedProduct[],
  mismatches: string[],
): Promise<void> {
  const codes = plan.provinceCodes;
  await Promise.all(
    codes.map(async (code, i) => {
      const office = offices.get(code)!;
      for (const year of plan.years) {
        const listed = await api.ok<{ items: { id: string; province: string }[] }>(
          office.coordinator,
          'GET',
          `/products?cycleYear=${year.year}&limit=200`,
        );
        const foreign = listed.items.filter((p) => p.province !== code);
        if (foreign.length > 0)
          mismatches.push(`${code}'s coordinator lists ${foreign.length} products of other provinces in ${year.year}`);
        const own = products.filter((p) => p.office === office && p.cycle.year === year.year);
        const missing = own.filter((p) => !listed.items.some((l) => l.id === p.id));
        if (missing.length > 0) mismatches.push(`${code}'s coordinator does not list ${missing.length} of its own ${year.year} products`);
      }
      const neighbour = codes.length > 1 ? products.find((p) => p.office.code === codes[(i + 1) % codes.length]) : undefined;
      if (!neighbour) return;
      const opened = await api.call(office.coordinator, 'GET', `/products/${neighbour.id}`);
      if (opened.status !== 403) mismatches.push(`${code}'s coordinator opened a product of ${neighbour.office.code}: ${opened.status}`);
    }),
  );
}

/**
 * The national view moved by exactly what was driven, per province, and in total by that plus what the provinces not
 * driven moved meanwhile; the targets are the cycles'.
 */
function checkNationalView(
  year: number,
  plan: NationalPlan,
  products: readonly SimulatedProduct[],
  before: NationalView,
  after: NationalView,
  mismatches: string[],
): void {
  const row = (view: NationalView, code: string) => view.provinces.find((p) => p.provinceCode === code);
  const figures = (p: NationalProvince | undefined) => ({
    products: p?.products ?? 0,
    nominees: p?.nominees ?? 0,
    three: p?.stars.three ?? 0,
    four: p?.stars.four ?? 0,
    five: p?.stars.five ?? 0,
  });
  const delta = (a: ReturnType<typeof figures>, b: ReturnType<typeof figures>) =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - b[k as keyof typeof b]]));
  const expectedTotal = { products: 0, nominees: 0, three: 0, four: 0, five: 0 };
  for (const code of plan.provinceCodes) {
    const cycle = plan.cycles.find((c) => c.provinceCode === code && c.year === year);
    if (!cycle) continue;
    const mine = products.filter((p) => p.cycle === cycle);
    const certified = mine.filter((p) => p.expected.stage === 'certified');
    const expected = {
      products: mine.length,
      nominees: 0, // every nominee has had the centre's decision
      three: certified.filter((p) => p.expected.stars === 3).length,
      four: certified.filter((p) => p.expected.stars === 4).length,
      five: certified.filter((p) => p.expected.stars === 5).length,
    };
    for (const [k, v] of Object.entries(expected)) expectedTotal[k as keyof typeof expectedTotal] += v;
    const moved = delta(figures(row(after, code)), figures(row(before, code)));
    if (JSON.stringify(moved) !== JSON.stringify(expected))
      mismatches.push(`GET /national?year=${year}, ${code}: moved by ${JSON.stringify(moved)}, expected ${JSON.stringify(expected)}`);
    if (row(after, code)?.target !== certified.length)
      mismatches.push(`GET /national?year=${year}, ${code}: target ${row(after, code)?.target}, expected ${certified.length}`);
  }
  // Provinces the simulation did not drive may move meanwhile (a live office, another suite on a shared database): the
  // nationwide figures must then be the driven provinces' expected moves plus exactly what those others moved.
  const others = new Set(
    [...before.provinces, ...after.provinces].map((p) => p.provinceCode).filter((c) => !plan.provinceCodes.includes(c)),
  );
  for (const code of others)
    for (const [k, v] of Object.entries(delta(figures(row(after, code)), figures(row(before, code)))))
      expectedTotal[k as keyof typeof expectedTotal] += v;
  const movedTotal = delta(figures(after.total), figures(before.total));
  if (JSON.stringify(movedTotal) !== JSON.stringify(expectedTotal))
    mismatches.push(
      `GET /national?year=${year}, nationwide: moved by ${JSON.stringify(movedTotal)}, expected ${JSON.stringify(expectedTotal)}`,
    );
}
