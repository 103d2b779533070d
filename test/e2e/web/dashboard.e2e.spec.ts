import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn, openPage, screenshot, webUrl } from '../../support/browser';
import {
  acceptIdea,
  createSession,
  CYCLE_YEAR,
  DEMO_LAB_API_KEY,
  enterProduct,
  ensureTestCycle,
  ok,
  producerIn,
  scoreAndClose,
  submitBusinessPlan,
  submitDossier,
  submitIdea,
  until,
  waitForStage,
} from '../flows';
import { request, requestAs } from '../http';

// The coordinators' dashboard and the product page in Chromium, against data made over HTTP in a district no
// other suite uses (Bảo Yên): the dashboard's numbers are the progress API's, the product page shows the stage,
// the countdown, the score breakdown, the lab results, the certificate and the timeline; no console errors.
const DISTRICT = 'bao-yen';
const PRODUCER = 'htx.baoyen'; // a producer of Bảo Yên, registered by this suite (a product's district is its organisation's)
const ORGANISATION_NAME = 'HTX Nông sản Bảo Yên';
const TARGETS = ['newCertifiedProducts', 'organisationsConsolidated', 'newOrganisations'];

interface Made {
  id: string;
  name: string;
}

/** Every number the dashboard shows under a data-testid, as text. */
async function dashboardNumbers(page: Page): Promise<Record<string, string>> {
  const numbers: Record<string, string> = {};
  const selector = ['total-products', 'certified-count', 'overdue-count', 'upcoming-count', 'overdue-total', 'upcoming-total']
    .map((id) => `[data-testid="${id}"]`)
    .concat([
      '[data-testid^="stage-count-"]',
      '[data-testid^="stage-reached-"]',
      '[data-testid^="kpi-"]',
      '[data-testid^="stars-count-"]',
      `[data-testid^="district-"][data-testid$="-${DISTRICT}"]`,
    ])
    .join(', ');
  for (const element of await page.locator(selector).all()) {
    const id = await element.getAttribute('data-testid');
    if (id && !id.startsWith('kpi-card-')) numbers[id] = (await element.textContent())?.trim() ?? '';
  }
  return numbers;
}

/** The same numbers, from GET /cycles/lao-cai/<year>/progress?district=bao-yen. */
async function apiNumbers(): Promise<Record<string, string>> {
  const progress = ok(await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/${CYCLE_YEAR}/progress?district=${DISTRICT}`));
  const numbers: Record<string, string> = {
    'total-products': String(progress.totals.products),
    'certified-count': String(progress.certified),
    'overdue-count': String(progress.overdue.total),
    'upcoming-count': String(progress.upcoming.total),
    'overdue-total': String(progress.overdue.total),
    'upcoming-total': String(progress.upcoming.total),
  };
  return { ...numbers, ...apiDetail(progress) };
}

function apiDetail(progress: any): Record<string, string> {
  const numbers: Record<string, string> = {};
  for (const key of TARGETS) {
    numbers[`kpi-${key}`] = String(progress.targets[key].actual);
    numbers[`kpi-target-${key}`] = String(progress.targets[key].target);
  }
  for (const stars of [3, 4, 5]) numbers[`stars-count-${stars}`] = String(progress.stars[String(stars)] ?? 0);
  const cells: { stage: string; districtCode: string; products: number }[] = progress.byStageDistrictGroup;
  const sum = (keep: (stage: string) => boolean) =>
    String(cells.filter((c) => c.districtCode === DISTRICT && keep(c.stage)).reduce((n, c) => n + c.products, 0));
  const stopped = ['rejected', 'withdrawn', 'not_qualified', 'failed_lab_test'];
  numbers[`district-total-${DISTRICT}`] = sum(() => true);
  numbers[`district-certified-${DISTRICT}`] = sum((s) => s === 'certified');
  numbers[`district-stopped-${DISTRICT}`] = sum((s) => stopped.includes(s));
  numbers[`district-inprogress-${DISTRICT}`] = sum((s) => s !== 'certified' && !stopped.includes(s));
  return numbers;
}

/** The UI's stage counts: every stage it lists, with the API's count (0 when the API has none). */
const stageCounts = (ui: Record<string, string>) => Object.fromEntries(Object.entries(ui).filter(([id]) => id.startsWith('stage-count-')));

describe('web: the coordinators’ dashboard and the product page (Chromium)', () => {
  let browser: Browser;
  let plan: Made;
  let dossier: Made;
  let certified: Made;
  let atProvince: Made;

  beforeAll(async () => {
    await ensureTestCycle();
    browser = await launchBrowser();
    const organisationId = await producerIn(DISTRICT, PRODUCER, ORGANISATION_NAME);
    // Five products of Bảo Yên at different stages; two through a district council, one on to a certificate.
    await submitIdea({ producer: PRODUCER, organisationId, district: DISTRICT, name: 'Măng khô Bảo Yên' });
    plan = await submitIdea({ producer: PRODUCER, organisationId, district: DISTRICT, name: 'Chè Shan tuyết Bảo Yên' });
    dossier = await submitIdea({ producer: PRODUCER, organisationId, district: DISTRICT, name: 'Gạo nếp Bảo Yên' });
    certified = await submitIdea({
      producer: PRODUCER,
      organisationId,
      district: DISTRICT,
      name: 'Mật ong rừng Bảo Yên',
      productGroup: 'thuc-pham',
    });
    atProvince = await submitIdea({
      producer: PRODUCER,
      organisationId,
      district: DISTRICT,
      name: 'Thổ cẩm Tày Bảo Yên',
      productGroup: 'vai-may-mac',
    });
    for (const product of [plan, dossier, certified, atProvince]) await acceptIdea(product.id);
    for (const product of [dossier, certified, atProvince]) await submitBusinessPlan(product.id, PRODUCER);
    for (const product of [certified, atProvince]) await submitDossier(product.id, PRODUCER);
    await waitForStage(plan.id, 'business_plan_due');
    await waitForStage(dossier.id, 'dossier_due');
    for (const product of [certified, atProvince]) await waitForStage(product.id, 'awaiting_district_session');

    // District council of Bảo Yên, run by the admin (the demo data has no coordinator of Bảo Yên, and a district
    // session takes its products from its district's coordinator only): 60 points → forwarded to the province.
    const districtSession = await createSession('admin', 'district', DISTRICT);
    for (const product of [certified, atProvince]) await enterProduct('admin', districtSession, product.id);
    await scoreAndClose(districtSession, [certified.id, atProvince.id], 60);
    await waitForStage(atProvince.id, 'awaiting_province_session');

    // Food is tested by the lab before the province; the lab answers at once (its deadline is a minute here).
    await waitForStage(certified.id, 'awaiting_lab_test');
    const requestId = `product:${certified.id}:${CYCLE_YEAR}:lab:1`;
    await until(
      async () =>
        (await request('GET', `/lab-requests/${encodeURIComponent(requestId)}`, { headers: { 'x-api-key': DEMO_LAB_API_KEY } })).status,
      (s) => s === 200,
      'the lab request',
    );
    ok(
      await request('POST', `/lab-requests/${encodeURIComponent(requestId)}/results`, {
        headers: { 'x-api-key': DEMO_LAB_API_KEY },
        body: {
          indicators: [
            { indicator: 'E. coli', value: '< 3 MPN/g', passed: true },
            { indicator: 'Chì (Pb)', value: '0.02 mg/kg', passed: true },
          ],
        },
      }),
    );
    await waitForStage(certified.id, 'awaiting_province_session');

    // Provincial council: 75 points → 4 stars, certified.
    const provinceSession = await createSession('tinh.laocai', 'province', 'lao-cai');
    await enterProduct('tinh.laocai', provinceSession, certified.id);
    await scoreAndClose(provinceSession, [certified.id], 75);
    await until(
      async () => ok(await requestAs('tinh.laocai', 'GET', `/products/${certified.id}`)),
      (p) => p.stage === 'certified' && Boolean(p.certificateNo),
      'the certificate',
    );
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the progress API’s numbers for Bảo Yên, chosen in the filters; switches to English; opens a product from the deadlines', async () => {
    const { page, context, errors } = await openPage(browser, { phone: false });
    await logIn(page, 'tinh.laocai');
    expect(new URL(page.url()).pathname).toBe('/app/dashboard');
    await page.getByTestId('filter-year').selectOption(String(CYCLE_YEAR));
    await page.getByTestId('filter-district').selectOption(DISTRICT);
    await page.locator(`[data-testid="dashboard"][data-district="${DISTRICT}"][data-year="${CYCLE_YEAR}"]`).waitFor();
    expect(new URL(page.url()).searchParams.get('district')).toBe(DISTRICT);

    // Every number equals the API's (read again until both agree: the page refreshes every 10 s).
    const { ui, api } = await until(
      async () => {
        const [uiNow, apiNow] = await Promise.all([dashboardNumbers(page), apiNumbers()]);
        return { ui: uiNow, api: apiNow };
      },
      ({ ui, api }) => Object.entries(api).every(([id, value]) => ui[id] === value),
      'the dashboard to show the API’s numbers',
      30_000,
    );
    const progress = ok(await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/${CYCLE_YEAR}/progress?district=${DISTRICT}`));
    for (const [id, count] of Object.entries(stageCounts(ui)))
      expect([id, count]).toEqual([id, String(progress.totals.byStage[id.replace('stage-count-', '')] ?? 0)]);
    for (const stage of Object.keys(progress.totals.byStage))
      expect(ui[`stage-count-${stage}`]).toBe(String(progress.totals.byStage[stage]));
    // Our five products are all there is in Bảo Yên.
    expect(api['total-products']).toBe('5');
    expect(stageCounts(ui)).toMatchObject({
      'stage-count-awaiting_idea_review': '1',
      'stage-count-business_plan_due': '1',
      'stage-count-dossier_due': '1',
      'stage-count-awaiting_province_session': '1',
      'stage-count-certified': '1',
      'stage-count-withdrawn': '0',
    });
    // The funnel: every product reached the first step; the last, those certified.
    expect(ui['stage-reached-awaiting_idea_review']).toBe(api['total-products']);
    expect(ui['stage-reached-certified']).toBe(ui['stage-count-certified']);
    expect(ui['stage-reached-dossier_due']).toBe('3');
    expect(ui['stars-count-4']).toBe('1');
    expect(ui['kpi-newCertifiedProducts']).toBe('1');
    expect(await page.getByTestId('kpi-card-newCertifiedProducts').getAttribute('data-met')).toBe(
      String(progress.targets.newCertifiedProducts.met),
    );
    await expect(page.getByTestId('updated-at').textContent()).resolves.toMatch(/^Cập nhật lúc \d{1,2}:\d{2}:\d{2}/);
    await page.waitForTimeout(1200); // the charts' entry animation
    await screenshot(page, 'dashboard');

    // English on the switch.
    await page.getByTestId('lang-switch').click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`OCOP cycle dashboard ${CYCLE_YEAR}`);
    await expect(page.getByRole('heading', { name: 'Products by stage' }).isVisible()).resolves.toBe(true);
    await page.getByTestId('lang-switch').click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Bảng điều phối chu kỳ OCOP ${CYCLE_YEAR}`);

    // The business plan due in a few hours is in the "coming up" list, and links to its product.
    const item = page.locator(`[data-testid="upcoming-list"] [data-testid="deadline-item"][data-product-id="${plan.id}"]`);
    await expect(item.textContent()).resolves.toContain('Nộp phương án kinh doanh');
    await item.getByTestId('deadline-product-link').click();
    await page.waitForURL(`**/app/products/${plan.id}`);
    await expect(page.getByTestId('product-name').textContent()).resolves.toBe(plan.name);
    await expect(page.getByTestId('product-stage').getAttribute('data-stage')).resolves.toBe('business_plan_due');
    await expect(page.getByTestId('next-deadline').getByTestId('countdown').textContent()).resolves.toMatch(/\d+ giờ \d+ phút còn lại/);
    const events = page.getByTestId('timeline-event');
    await until(
      () => events.count(),
      (n) => n >= 2,
      'the timeline',
    );
    await expect(page.locator('[data-testid="timeline-event"][data-type="IdeaSubmitted"]').textContent()).resolves.toContain(
      'Đăng ký ý tưởng sản phẩm',
    );
    await expect(page.locator('[data-testid="timeline-event"][data-type="IdeaAccepted"]').textContent()).resolves.toContain(
      'Văn phòng Điều phối NTM tỉnh Lào Cai',
    );
    await screenshot(page, 'product-page-deadline');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a phone: the dashboard in one column, a district coordinator fixed to its own district', async () => {
    const { page, context, errors } = await openPage(browser);
    await logIn(page, 'tinh.laocai');
    await page.goto(webUrl(`/dashboard?year=${CYCLE_YEAR}&district=${DISTRICT}`));
    await page.locator(`[data-testid="dashboard"][data-district="${DISTRICT}"]`).waitFor();
    await until(
      () => page.getByTestId('total-products').textContent(),
      (text) => text === '5',
      'the phone dashboard',
    );
    await page.waitForTimeout(1200);
    await screenshot(page, 'dashboard-phone');
    await context.close();

    const district = await openPage(browser);
    await logIn(district.page, 'huyen.bacha');
    const select = district.page.getByTestId('filter-district');
    await district.page.locator('[data-testid="dashboard"][data-district="bac-ha"]').waitFor();
    await expect(select.isDisabled()).resolves.toBe(true);
    await expect(select.inputValue()).resolves.toBe('bac-ha');
    expect([...errors, ...district.errors]).toEqual([]);
    await district.context.close();
  });

  it('shows a certified product: score breakdown per level with member names, lab results, certificate, timeline', async () => {
    const { page, context, errors } = await openPage(browser);
    await logIn(page, 'tinh.laocai');
    await page.goto(webUrl(`/products/${certified.id}`));
    const product = ok(await requestAs('tinh.laocai', 'GET', `/products/${certified.id}`));
    await expect(page.getByTestId('product-stage').getAttribute('data-stage')).resolves.toBe('certified');
    await expect(page.getByTestId('product-producer').textContent()).resolves.toBe(ORGANISATION_NAME);
    await expect(page.getByTestId('product-district').textContent()).resolves.toBe('Huyện Bảo Yên');

    // District 60 (forwarded), province 75 (4 stars, recognised): means, parts with their maxima, members by name.
    await expect(page.getByTestId('score-mean-district').textContent()).resolves.toBe('60');
    await expect(page.getByTestId('score-outcome-district').textContent()).resolves.toBe('Chuyển lên cấp trên');
    await expect(page.getByTestId('score-mean-province').textContent()).resolves.toBe('75');
    await expect(page.getByTestId('score-stars-province').getAttribute('data-stars')).resolves.toBe('4');
    await expect(page.getByTestId('score-outcome-province').textContent()).resolves.toBe('Được công nhận');
    await expect(page.getByTestId('score-part-max-district-A').textContent()).resolves.toBe('35');
    await expect(page.getByTestId('score-part-district-A').textContent()).resolves.toBe('21');
    await until(
      () => page.getByTestId('score-district').textContent(),
      (text) => Boolean(text?.includes('Nguyễn Văn An (Chủ tịch hội đồng)')),
      'the members’ names',
    );
    const districtTotals = product.live.results
      .find((r: { level: string }) => r.level === 'district')
      .totals.map((t: { total: number }) => String(t.total));
    for (const [i, total] of districtTotals.entries())
      await expect(page.getByTestId(`score-member-district-${i}`).textContent()).resolves.toBe(total);

    // The lab's indicators, the certificate with its public check and the printable document.
    await expect(page.getByTestId('lab-status-1').textContent()).resolves.toBe('Đạt');
    await until(
      () => page.locator('[data-testid="lab-indicator"][data-passed="true"]').count(),
      (n) => n === 2,
      'the lab’s two indicators',
    );
    await expect(page.getByTestId('certificate-no').textContent()).resolves.toBe(product.certificateNo);
    await expect(page.getByTestId('certificate-verify-link').getAttribute('href')).resolves.toBe(`/app/verify/${product.certificateNo}`);
    const [printable] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('certificate-document').click()]);
    await until(
      () => printable.content(),
      (html) => html.includes(product.certificateNo),
      'the printable certificate',
    );
    await printable.close();

    // The timeline: every step, translated, with its actor.
    for (const type of [
      'IdeaSubmitted',
      'IdeaAccepted',
      'DossierSubmitted',
      'EnteredSession',
      'DistrictScored',
      'LabTestPassed',
      'ProvinceScored',
      'CertificateIssued',
    ]) {
      await page.locator(`[data-testid="timeline-event"][data-type="${type}"]`).first().waitFor();
    }
    await expect(page.locator('[data-testid="timeline-event"][data-type="LabTestPassed"]').first().textContent()).resolves.toContain(
      'Trung tâm Kiểm nghiệm Lào Cai',
    );
    await screenshot(page, 'product-page');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a product waiting for the provincial council: its district scores and the calendar’s countdown', async () => {
    const { page, context, errors } = await openPage(browser, { lang: 'en' });
    await logIn(page, 'tinh.laocai');
    await page.goto(webUrl(`/products/${atProvince.id}`));
    await expect(page.getByTestId('product-stage').getAttribute('data-stage')).resolves.toBe('awaiting_province_session');
    await until(
      () => page.getByTestId('next-deadline').textContent(),
      (text) => Boolean(text?.includes('Province evaluation ends')),
      'the calendar’s deadline',
    );
    await expect(page.getByTestId('next-deadline').getByTestId('countdown').textContent()).resolves.toMatch(/left$/);
    await expect(page.getByTestId('score-mean-district').textContent()).resolves.toBe('60');
    await expect(page.locator('[data-testid="timeline-event"][data-type="DistrictScored"]').textContent()).resolves.toContain(
      'Scored by the district council',
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
