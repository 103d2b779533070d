import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, logIn, openPage, screenshot, webUrl, type WatchedPage } from '../../support/browser';
import { COUNCIL, CYCLE_YEAR, ensureTestCycle, ok, until, untilScoringOpens, userIdOf, waitForStage } from '../flows';
import { requestAs } from '../http';
import { aPdf } from '../../support/sample-files';

// The "Done when" of the coordinators' office: an idea taken from submission to certificate with every human step
// done in the web app by the user whose step it is — the producer, the district coordinator (review, session set-up,
// entering the product), five council members scoring, the chair closing, the lab, the provincial coordinator
// (session set-up, entering, closing) — at desktop and phone sizes. Every screen is checked with axe (serious or
// critical fails) and screenshotted; any console error of any page fails the test. HTTP is used only to read.

/** A datetime-local value ten days ahead, on Vietnam's wall clock (what a coordinator types). */
const tenDaysAhead = () => new Date(Date.now() + 10 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 16);

describe.each([
  ['desktop', false],
  ['phone', true],
] as const)('web: the coordinators’ office, idea to certificate in the app (%s)', (size, phone) => {
  let browser: Browser;
  const pages = new Map<string, WatchedPage>();

  beforeAll(async () => {
    await ensureTestCycle();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const p of pages.values()) await p.context.close();
    await browser?.close();
  });

  /** The user's own browser (own storage), logged in through the login form once. */
  async function as(username: string): Promise<Page> {
    if (!pages.has(username)) {
      const watched = await openPage(browser, { phone });
      await logIn(watched.page, username);
      pages.set(username, watched);
    }
    return pages.get(username)!.page;
  }
  const shot = (page: Page, name: string) => screenshot(page, `journey-${size}-${name}`);

  async function createSession(coordinator: string, level: 'district' | 'province'): Promise<string> {
    const page = await as(coordinator);
    await page.goto(webUrl('/sessions'));
    await page.getByTestId('new-session').click();
    const form = page.getByTestId('new-session-form');
    await form.locator('select[name="level"]').selectOption(level);
    await form.locator('select[name="cycleYear"]').selectOption(String(CYCLE_YEAR));
    await form.locator('input[name="sessionDate"]').fill(tenDaysAhead());
    for (const member of COUNCIL) await form.locator(`input[name="memberIds"][value="${await userIdOf(member)}"]`).check();
    await form.locator('select[name="chairId"]').selectOption(await userIdOf('hoidong.1'));
    await shot(page, `${level}-session-form`);
    await form.getByRole('button', { name: 'Lập phiên' }).click();
    await page.waitForURL((url) => /\/app\/sessions\/[^/]+$/.test(url.pathname));
    return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  }

  async function enter(coordinator: string, sessionId: string, productId: string, level: string): Promise<void> {
    const page = await as(coordinator);
    const waiting = page.locator(`[data-testid="waiting-product"][data-product-id="${productId}"]`);
    await waiting.waitFor();
    await expect(page.getByTestId('lead-time').textContent()).resolves.toMatch(
      /2 ngày làm việc trước ngày họp \(\d\d:\d\d \d\d\/\d\d\/\d{4}\)/,
    );
    await shot(page, `${level}-session-waiting`);
    await waiting.getByTestId('enter-product').click();
    await page.locator(`[data-testid="session-product"][data-product-id="${productId}"]`).waitFor();
    await waiting.waitFor({ state: 'detached' });
    void sessionId;
  }

  async function scoreAll(sessionId: string, productId: string, level: string, totals: string[][]): Promise<void> {
    await untilScoringOpens(sessionId); // members score from the session's (compressed) day on
    for (const [i, member] of COUNCIL.entries()) {
      const page = await as(member);
      await page.goto(webUrl(`/sessions/${encodeURIComponent(sessionId)}`));
      const card = page.locator(`[data-testid="session-product"][data-product-id="${productId}"]`);
      const form = card.getByTestId('scorecard-form');
      const [a, b, c] = totals[i]!;
      // Decimals as Vietnamese write them: a comma.
      await form.getByLabel(/^A\./).fill(a!);
      await form.getByLabel(/^B\./).fill(b!);
      await form.getByLabel(/^C\./).fill(c!);
      if (i === 0) await shot(page, `${level}-scoring`);
      await form.getByTestId('submit-scorecard').click();
      await card.getByTestId('score-success').waitFor();
    }
  }

  async function close(closer: string, sessionId: string, productId: string, level: string): Promise<void> {
    const page = await as(closer);
    await page.goto(webUrl(`/sessions/${encodeURIComponent(sessionId)}`));
    const panel = page.getByTestId('close-session');
    await panel.getByTestId('close-button').click();
    const summary = panel.getByTestId('close-summary');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain('Đủ túc số: 5/5');
    await expect(summary.getByTestId('close-summary-product').textContent()).resolves.toContain('đủ 5 phiếu chấm');
    await shot(page, `${level}-close-summary`);
    await panel.getByTestId('confirm-close').click();
    await page.locator(`[data-testid="session-product"][data-product-id="${productId}"]`).getByTestId('result').waitFor();
  }

  it('takes an idea from submission to certificate, every step in the app by its owner', async () => {
    // 1. The producer submits the idea.
    const name = `Chè Shan tuyết cổ thụ ${size} ${randomUUID().slice(0, 6)}`;
    const producer = await as('htx.bacha');
    await producer.getByTestId('new-idea').click();
    const idea = producer.getByTestId('idea-form');
    await idea.locator('input[name="name"]').fill(name);
    await idea.locator('select[name="cycleYear"]').selectOption(String(CYCLE_YEAR));
    await idea.locator('select[name="productGroup"]').selectOption('thuc-pham');
    // The product's district is the organisation's: shown, not chosen.
    const districtSelect = idea.locator('select[name="district"]');
    await until(
      () => districtSelect.inputValue(),
      (v) => v === 'bac-ha',
      'the organisation’s district',
    );
    await expect(districtSelect.isDisabled()).resolves.toBe(true);
    await shot(producer, 'idea-form');
    await idea.locator('button[type="submit"]').click();
    const card = producer.locator('[data-testid="product-card"]').filter({ hasText: name });
    await card.waitFor();
    const productId = (await card.getAttribute('data-product-id'))!;

    // 2. The district coordinator finds it in "waiting for me" and accepts it.
    const district = await as('huyen.bacha');
    await district.goto(webUrl('/review'));
    const queued = district.locator(`[data-testid="queue-item"][data-product-id="${productId}"]`);
    await queued.getByTestId('open-decision').click();
    // Focus moves into the opened panel.
    await expect(district.evaluate('document.activeElement && document.activeElement.getAttribute("name")')).resolves.toBe('decision');
    await shot(district, 'review-queue');
    await queued.getByTestId('review-form').getByRole('button', { name: 'Gửi quyết định' }).click();
    await queued.waitFor({ state: 'detached' });
    await waitForStage(productId, 'business_plan_due');

    // 3. The producer's business plan and dossier (a part typed with a decimal comma).
    await producer.goto(webUrl('/workspace'));
    await card.getByTestId('open-step').click();
    const plan = card.getByTestId('business-plan-form');
    await plan.locator('textarea[name="summary"]').fill('Mở rộng vùng chè cổ thụ 15 ha, xưởng chế biến đạt chuẩn');
    await plan.locator('button[type="submit"]').click();
    await producer.locator(`[data-product-id="${productId}"][data-stage="dossier_due"]`).waitFor();
    await card.getByTestId('open-step').click();
    const dossier = card.getByTestId('dossier-form');
    await dossier.getByLabel(/^A\./).fill('27,5');
    await dossier.getByLabel(/^B\./).fill('20');
    await dossier.getByLabel(/^C\./).fill('30,25');
    await expect(dossier.getByTestId('parts-total').textContent()).resolves.toContain('77,75');
    // The documents its checklist requires, uploaded from the product's documents panel (a PDF each).
    const documents = card.getByTestId('documents');
    await documents.getByTestId('checklist').waitFor();
    const missing = await documents
      .getByTestId('checklist')
      .locator('li[data-present="false"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind') ?? ''));
    expect(missing.length).toBeGreaterThan(0);
    for (const kind of missing) {
      await documents.getByTestId('document-kind').selectOption(kind);
      const stored = producer.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`/documents?kind=${kind}`));
      await documents.getByTestId('document-file').setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: aPdf(kind) });
      expect((await stored).status()).toBe(201);
    }
    await documents.locator('[data-testid="checklist"][data-complete="true"]').waitFor();
    await shot(producer, 'dossier-form');
    await dossier.locator('button[type="submit"]').click();
    await producer.locator(`[data-product-id="${productId}"][data-stage="awaiting_district_session"]`).waitFor();
    const submitted = ok(await requestAs('htx.bacha', 'GET', `/products/${productId}/timeline`)).events.find(
      (e: { type: string }) => e.type === 'DossierSubmitted',
    );
    expect(submitted.payload.selfAssessment).toEqual({ A: 27.5, B: 20, C: 30.25 });

    // 4. The district coordinator sets up the district council and enters the product; five members score; the chair closes.
    const districtSession = await createSession('huyen.bacha', 'district');
    await enter('huyen.bacha', districtSession, productId, 'district');
    await scoreAll(districtSession, productId, 'district', [
      ['26,25', '19', '30'],
      ['26', '19,5', '30'],
      ['25', '19', '31'],
      ['26', '18', '30,5'],
      ['27', '19', '29'],
    ]);
    await close('hoidong.1', districtSession, productId, 'district');
    await waitForStage(productId, 'awaiting_lab_test');

    // 5. The lab enters its results.
    const lab = await as('lab.laocai');
    await lab.goto(webUrl('/lab'));
    const request = lab.getByTestId('lab-request').filter({ hasText: name });
    await request.getByRole('button', { name: 'Nhập kết quả' }).click();
    const row = request.getByTestId('indicator-row').nth(0);
    await row.locator('input[name="indicator"]').fill('E. coli');
    await row.locator('input[name="value"]').fill('< 3 MPN/g');
    await shot(lab, 'lab-result');
    await request.getByRole('button', { name: 'Gửi kết quả' }).click();
    await lab.getByTestId('lab-outcome').waitFor();
    await waitForStage(productId, 'awaiting_province_session');

    // 6. The provincial coordinator sets up the provincial council, enters the product, members score, the coordinator closes.
    const provincialSession = await createSession('tinh.laocai', 'province');
    await enter('tinh.laocai', provincialSession, productId, 'province');
    await scoreAll(provincialSession, productId, 'province', [
      ['28', '20', '30'],
      ['27,5', '20', '31'],
      ['28', '21', '30'],
      ['27', '20', '31,5'],
      ['28', '19,5', '30'],
    ]);
    await close('tinh.laocai', provincialSession, productId, 'province');
    const certified = await waitForStage(productId, 'certified');
    expect(certified.stars).toBe(4);

    // 7. The producer sees the certificate; the product page writes dates and decimals the Vietnamese way.
    await producer.goto(webUrl(`/products/${productId}`));
    await producer.getByTestId('certificate-no').waitFor();
    await expect(producer.getByTestId('product-stars').getAttribute('data-stars')).resolves.toBe('4');
    await expect(producer.getByTestId('score-mean-province').textContent()).resolves.toMatch(/^\d+,\d+$/);
    await expect(producer.title()).resolves.toBe('Sản phẩm — OCOP Flow');
    await expect(producer.evaluate('document.documentElement.lang')).resolves.toBe('vi');
    await shot(producer, 'certified-product');

    // 8. The register finds it without diacritics, and the dashboard's certified number opens the register filtered.
    const province = await as('tinh.laocai');
    await province.goto(webUrl(`/register?q=${encodeURIComponent(`che shan tuyet co thu ${size}`)}&cycleYear=${CYCLE_YEAR}`));
    await province.locator(`[data-testid="register-row"][data-product-id="${productId}"]`).waitFor();
    await shot(province, 'register-search');
    await province.goto(webUrl(`/dashboard?year=${CYCLE_YEAR}`));
    await province.getByTestId('certified-count').getByRole('link').click();
    await province.waitForURL((url) => url.pathname === '/app/register' && url.searchParams.get('stage') === 'certified');
    await province.locator(`[data-testid="register-row"][data-product-id="${productId}"]`).waitFor();
    await expectAccessible(province, 'register-from-dashboard');

    for (const [user, watched] of pages) expect({ user, errors: watched.errors }).toEqual({ user, errors: [] });
  }, 600_000);
});
