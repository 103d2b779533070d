import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import {
  expectAccessible,
  launchBrowser,
  logIn,
  openPage,
  screenshot,
  waitForTitle,
  webUrl,
  type WatchedPage,
} from '../../support/browser';
import { acceptIdea, CYCLE_YEAR, ok, submitIdea, until } from '../flows';
import { request, requestAs } from '../http';

// The rest of the coordinators' office, in Chromium at desktop and phone sizes: a district coordinator edits a
// producer's contact details (a refused phone number shown under its field, in Vietnamese with the English beside
// it); the admin creates a producer user, re-binds it to another organisation, issues and revokes an API key; the
// re-bound producer keeps its own organisation's contact details; the provincial coordinator adds the province's own
// days over a year's national holidays (dates dd/mm/yyyy, the validator's refusals under the day they name); the register filters by
// several stages at once, and the dashboard's "in progress" number opens it with all of them. Every screen is
// checked with axe and screenshotted; any console error fails, except the refusals provoked on purpose.

const PASSWORD = 'Mận-tam-hoa-Bắc-Hà-2027';
/** The browser's line for a request refused with 400 — what the invalid forms here provoke, once each. */
const REFUSED = 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)';

describe.each([
  ['desktop', false],
  ['phone', true],
] as const)('web: the coordinators’ office — contacts, users, holidays, stages (%s)', (size, phone) => {
  let browser: Browser;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const p of opened) await p.context.close();
    await browser?.close();
  });

  async function as(username: string, password?: string): Promise<WatchedPage> {
    const watched = await openPage(browser, { phone });
    opened.push(watched);
    if (password) {
      await watched.page.goto(webUrl('/login'));
      await watched.page.getByLabel(/Tên đăng nhập/).fill(username);
      await watched.page.getByLabel(/Mật khẩu/).fill(password);
      await watched.page.getByRole('button', { name: 'Đăng nhập' }).click();
      await watched.page.waitForURL((url) => !url.pathname.endsWith('/login'));
    } else await logIn(watched.page, username);
    return watched;
  }
  const shot = (page: Page, name: string) => screenshot(page, `office-${size}-${name}`);
  const tag = () => `${size === 'phone' ? 'dt' : 'mt'} ${randomUUID().slice(0, 6)}`;

  async function register(name: string): Promise<string> {
    return ok(
      await requestAs('huyen.bacha', 'POST', '/organisations', { body: { name, producerType: 'htx', districtCode: 'bac-ha' } }),
      201,
    ).id;
  }

  it('a district coordinator edits a producer’s contact details; a refused field is named under it in both languages', async () => {
    const name = `HTX Liên hệ ${tag()}`;
    const organisationId = await register(name);
    const { page, errors } = await as('huyen.bacha');
    await page.goto(webUrl('/organisations'));
    await page.getByRole('searchbox').fill(name);
    await page.getByRole('searchbox').press('Enter');
    const item = page.locator('[data-testid="organisation"]', { hasText: name });
    await item.getByTestId('edit-contact').click();
    const form = item.getByTestId('contact-form');
    await expect(page.evaluate('document.activeElement.dataset.field')).resolves.toBe('contactEmail');
    await form.getByLabel('Số điện thoại').fill('12ab');
    await form.getByLabel('Địa chỉ').fill('Thôn Nậm Sắt, xã Nậm Mòn, huyện Bắc Hà');
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const problem = form.getByTestId('field-problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('phải là số điện thoại');
    await expect(problem.locator('[lang="en"]').textContent()).resolves.toContain('contactPhone must be a phone number');
    await expect(form.getByLabel('Số điện thoại').getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(page, 'contact-refused');
    // Nothing was recorded.
    expect(ok(await requestAs('huyen.bacha', 'GET', `/organisations/${organisationId}`)).address).toBeNull();

    await form.getByLabel('Số điện thoại').fill('0214 3880 123');
    await form.getByLabel('Người đại diện theo pháp luật').fill('Lù Văn A');
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await form.getByRole('status').waitFor();
    // The list reloads after the save: read the line once it shows the new details.
    const saved = /Lù Văn A · 0214 3880 123 · Thôn Nậm Sắt, xã Nậm Mòn, huyện Bắc Hà \(Sửa lần cuối lúc \d\d:\d\d \d\d\/\d\d\/\d{4}\)/;
    const contact = await until(
      async () => (await item.getByTestId('contact').textContent()) ?? '',
      (text) => saved.test(text),
      'the saved contact details',
      15_000,
    ).catch(() => item.getByTestId('contact').textContent());
    expect(contact).toMatch(saved);
    await shot(page, 'contact-saved');
    expect(ok(await requestAs('tinh.laocai', 'GET', `/organisations/${organisationId}`))).toMatchObject({
      contactPhone: '0214 3880 123',
      address: 'Thôn Nậm Sắt, xã Nậm Mòn, huyện Bắc Hà',
      representative: 'Lù Văn A',
      contactUpdatedBy: expect.stringMatching(/^district_coordinator:/),
    });
    expect(errors).toEqual([REFUSED]);
  });

  it('the admin creates a producer user, re-binds it to another organisation, issues and revokes a key; the producer keeps its own contact details', async () => {
    const [first, second] = [`HTX Cũ ${tag()}`, `HTX Mới ${tag()}`];
    const [firstId, secondId] = [await register(first), await register(second)];
    const username = `sx.${randomUUID().slice(0, 8)}`;
    const admin = await as('admin');
    const { page } = admin;
    await page.goto(webUrl('/users'));
    const create = page.getByTestId('create-user');
    await create.getByLabel('Tên đăng nhập').fill(username);
    await create.getByLabel('Họ tên / tên đơn vị').fill(`Chủ thể ${username}`);
    await create.getByLabel('Mật khẩu').fill(PASSWORD);
    await create.getByLabel('Vai trò').selectOption('producer');
    await create.getByLabel('Chủ thể (người sản xuất)').selectOption(firstId);
    await create.getByRole('button', { name: 'Tạo người dùng' }).click();
    await create.getByRole('status').waitFor();
    const row = page.locator(`[data-testid="user-row"][data-username="${username}"]`);
    await expect(row.getByTestId('user-binding').textContent()).resolves.toBe(first);

    await row.getByTestId('rebind').click();
    const rebind = page.getByTestId('rebind-form');
    await rebind.getByLabel('Chủ thể (người sản xuất)').selectOption(secondId);
    await shot(page, 'rebind');
    await rebind.getByTestId('rebind-save').click();
    await rebind.getByRole('status').waitFor();
    await row.getByTestId('user-binding').filter({ hasText: second }).waitFor();
    const created = (ok(await requestAs('admin', 'GET', '/users')) as { userId: string; username: string }[]).find(
      (u) => u.username === username,
    )!;
    expect(created).toMatchObject({ role: 'producer', organisationId: secondId });
    const userId = created.userId;

    // An API key for the demo lab user: shown once, then revoked.
    const issue = page.getByTestId('issue-key');
    await issue.getByLabel('Người dùng').selectOption({ label: 'lab.laocai (lab:lao-cai)' });
    const keyName = `LIMS ${tag()}`;
    await issue.getByLabel('Tên khóa').fill(keyName);
    await issue.getByRole('button', { name: 'Cấp khóa API' }).click();
    const key = await issue.getByTestId('issued-key').textContent();
    expect(key).toMatch(/^ocop_[0-9a-f]{12}_/);
    expect((await request('GET', '/lab-requests', { headers: { 'x-api-key': key! } })).status).toBe(200);
    const keyItem = page.locator('[data-testid="api-key"]', { hasText: keyName });
    await keyItem.getByRole('button', { name: 'Thu hồi' }).click();
    await keyItem.locator('.badge.bad').waitFor();
    await shot(page, 'users-and-keys');
    expect((await request('GET', '/lab-requests', { headers: { 'x-api-key': key! } })).status).toBe(401);
    expect(admin.errors).toEqual([]);

    // The producer, bound to the second organisation now, sees it (only it) and keeps its contact details.
    const producer = await as(username, PASSWORD);
    await producer.page.goto(webUrl('/organisations'));
    const mine = producer.page.locator('[data-testid="organisation"]');
    await mine.first().waitFor();
    await expect(mine.allTextContents()).resolves.toEqual([expect.stringContaining(second)]);
    await mine.getByTestId('edit-contact').click();
    await mine.getByLabel('Email liên hệ').fill('lienhe@htx-moi.vn');
    await mine.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await mine.getByRole('status').waitFor();
    await shot(producer.page, 'producer-contact');
    expect(ok(await requestAs('admin', 'GET', `/organisations/${secondId}`))).toMatchObject({
      contactEmail: 'lienhe@htx-moi.vn',
      contactUpdatedBy: `producer:${userId}`,
    });
    expect(producer.errors).toEqual([]);
  });

  it('the admin disables a person who left: their open page goes back to the login screen, their login is refused; enabled again', async () => {
    const username = `sx.nghi.${randomUUID().slice(0, 8)}`;
    const organisationId = await register(`HTX Nghỉ ${tag()}`);
    const body = { username, displayName: `Người đã nghỉ ${username}`, password: PASSWORD, role: 'producer', organisationId };
    ok(await requestAs('admin', 'POST', '/users', { body }), 201);
    const leaver = await as(username, PASSWORD);
    await leaver.page.goto(webUrl('/organisations'));
    await leaver.page.locator('[data-testid="organisation"]').first().waitFor();

    const admin = await as('admin');
    await admin.page.goto(webUrl('/users'));
    const row = (disabled: boolean) =>
      admin.page.locator(`[data-testid="user-row"][data-username="${username}"][data-disabled="${disabled}"]`);
    await expect(row(false).getByTestId('user-status').textContent()).resolves.toBe('Đang hoạt động');
    // Not oneself: nobody would be left to switch the admin back on.
    await expect(admin.page.locator('[data-testid="user-row"][data-username="admin"] [data-testid="disable-user"]').count()).resolves.toBe(
      0,
    );
    await row(false).getByTestId('disable-user').click();
    await admin.page.getByTestId('user-switched').waitFor();
    await expect(row(true).getByTestId('user-status').textContent()).resolves.toBe('Đã khóa');
    await shot(admin.page, 'user-disabled');

    // The leaver's next request is refused at once: back to the login screen, where the password no longer opens it.
    await leaver.page.reload();
    await leaver.page.waitForURL((url) => url.pathname.endsWith('/login'));
    await leaver.page.getByLabel(/Tên đăng nhập/).fill(username);
    await leaver.page.getByLabel(/Mật khẩu/).fill(PASSWORD);
    await leaver.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(leaver.page.getByTestId('error').textContent()).resolves.toContain('Tên đăng nhập hoặc mật khẩu không đúng');

    await row(true).getByTestId('enable-user').click();
    await expect(row(false).getByTestId('user-status').textContent()).resolves.toBe('Đang hoạt động');
    await leaver.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await leaver.page.waitForURL((url) => !url.pathname.endsWith('/login'));
    expect(admin.errors).toEqual([]);
    // What the leaver's page logged: the refused requests while disabled, nothing else.
    expect(leaver.errors.every((e) => /status of 401/.test(e))).toBe(true);
    expect(leaver.errors.length).toBeGreaterThan(0);
  });

  it('the provincial coordinator adds the province’s own days over the national schedule: dd/mm/yyyy, refusals under the day', async () => {
    // A year no other test counts working days in, one per size.
    const year = (size === 'phone' ? 2085 : 2086) + 2 * Math.floor(Math.random() * 6);
    const saturday = (() => {
      const d = new Date(Date.UTC(year, 5, 1));
      while (d.getUTCDay() !== 6) d.setUTCDate(d.getUTCDate() + 1);
      return d.toISOString().slice(0, 10);
    })();
    const dmy = (ymd: string) => ymd.split('-').reverse().join('/');

    // A district coordinator reads its province's year and edits nothing; the central office edits the national schedule only.
    const district = await as('huyen.bacha');
    await district.page.goto(webUrl(`/holidays?year=${year}`));
    await district.page.getByTestId('holidays').waitFor();
    await expect(district.page.locator('[data-testid="edit-holidays"], [data-testid="edit-province-holidays"]').count()).resolves.toBe(0);
    await expect(district.page.getByTestId('holiday-source').getAttribute('data-source')).resolves.toBe('labour-code');
    const central = await as('trunguong');
    await central.page.goto(webUrl(`/holidays?year=${year}`));
    await central.page.getByTestId('edit-holidays').waitFor();
    await expect(central.page.getByTestId('edit-province-holidays').count()).resolves.toBe(0);

    const { page, errors } = await as('tinh.laocai');
    await page.goto(webUrl(`/holidays?year=${year}`));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ngày nghỉ lễ');
    await waitForTitle(page, 'Ngày nghỉ lễ — OCOP Flow');
    const firstRow = page.locator(`[data-testid="holidays"] tr[data-date="${year}-01-01"]`);
    await expect(firstRow.locator('td').first().textContent()).resolves.toBe(`01/01/${year}`);
    await expect(firstRow.getAttribute('data-layer')).resolves.toBe('national');
    const nationalDays = await page.locator('[data-testid="holidays"] tbody tr').count();
    await expect(page.getByTestId('edit-holidays').count()).resolves.toBe(0);
    await shot(page, 'holidays');

    // The form holds the province's own days only: none yet.
    await page.getByTestId('edit-province-holidays').click();
    const form = page.getByTestId('holiday-form');
    const rows = form.getByTestId('holiday-row');
    await expect(rows.count()).resolves.toBe(0);
    // Not a date: refused in the page before anything is sent.
    await form.getByTestId('add-holiday').click();
    await rows.nth(0).getByTestId('holiday-date').fill(`31/02/${year}`);
    await rows.nth(0).getByTestId('holiday-name').fill('Ngày lễ của tỉnh');
    await form.getByTestId('save-holidays').click();
    await expect(rows.nth(0).getByTestId('field-problem').textContent()).resolves.toBe('Hãy viết ngày theo dạng dd/mm/yyyy');
    // A day of another year: the API's validator names it.
    await rows
      .nth(0)
      .getByTestId('holiday-date')
      .fill(`15/07/${year + 1}`);
    await form.getByTestId('save-holidays').click();
    const refused = rows.nth(0).getByTestId('field-problem');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain(`phải là một ngày trong năm ${year}`);
    await expect(refused.locator('[lang="en"]').textContent()).resolves.toContain(`must be a date in ${year}`);
    await shot(page, 'holidays-refused');
    expect(ok(await requestAs('tinh.laocai', 'GET', `/calendars/holidays/${year}?province=lao-cai`)).days).toHaveLength(nationalDays);

    await rows.nth(0).getByTestId('holiday-date').fill(`15/07/${year}`);
    await form.getByTestId('add-worked').click();
    await form.getByTestId('worked-date').fill(dmy(saturday));
    await form.getByTestId('save-holidays').click();
    await page.locator('p.success').waitFor();
    const added = page.locator(`tr[data-date="${year}-07-15"]`);
    await expect(added.getAttribute('data-layer')).resolves.toBe('province');
    await expect(added.locator('td').allTextContents()).resolves.toEqual([
      `15/07/${year}`,
      expect.any(String),
      'Ngày lễ của tỉnh',
      'Riêng của tỉnh',
    ]);
    await expect(page.getByTestId('worked-days').textContent()).resolves.toBe(`Thứ Bảy ${dmy(saturday)} · Riêng của tỉnh`);
    await shot(page, 'holidays-saved');
    // Lào Cai's year has the day; the national schedule and Sơn La's do not.
    const stored = ok(await requestAs('huyen.bacha', 'GET', `/calendars/holidays/${year}?province=lao-cai`));
    expect(stored).toMatchObject({ source: 'labour-code', workingWeekendDays: [{ date: saturday, layer: 'province' }] });
    expect(stored.days).toHaveLength(nationalDays + 1);
    expect(stored.days).toEqual(expect.arrayContaining([{ date: `${year}-07-15`, name: 'Ngày lễ của tỉnh', layer: 'province' }]));
    for (const path of [`/calendars/holidays/${year}`, `/calendars/holidays/${year}?province=14`])
      expect(ok(await requestAs('tinh.sonla', 'GET', path)).days).toHaveLength(nationalDays);
    expect(errors).toEqual([REFUSED]);
    expect(district.errors).toEqual([]);
    expect(central.errors).toEqual([]);
  });

  it('the register lists several stages at once; the dashboard’s “in progress” number opens it with all of them', async () => {
    const word = `Mận hậu ${tag()}`;
    const waiting = await submitIdea({ name: `${word} chờ duyệt` });
    const accepted = await submitIdea({ name: `${word} đã duyệt` });
    await acceptIdea(accepted.id);
    const { page, errors } = await as('tinh.laocai');
    const rowOf = (id: string) => page.locator(`[data-testid="register-row"][data-product-id="${id}"]`);
    await page.goto(webUrl(`/register?${new URLSearchParams({ q: word, cycleYear: String(CYCLE_YEAR), stage: 'awaiting_idea_review' })}`));
    await rowOf(waiting.id).waitFor();
    await expect(page.getByTestId('register-row').count()).resolves.toBe(1);

    await page.getByTestId('stage-picker').click();
    const options = page.getByTestId('stage-options');
    await expect(options.locator('input[value="awaiting_idea_review"]').isChecked()).resolves.toBe(true);
    // A click, not check(): the box follows the URL, which the router updates a moment after the click.
    await options.locator('input[value="business_plan_due"]').click();
    await page.waitForURL((url) => url.searchParams.get('stage') === 'awaiting_idea_review,business_plan_due');
    await rowOf(accepted.id).waitFor();
    await expect(page.getByTestId('register-row').count()).resolves.toBe(2);
    await expect(page.getByTestId('stage-picker').textContent()).resolves.toContain('2 giai đoạn');
    await expect(options.locator('input[value="business_plan_due"]').isChecked()).resolves.toBe(true);
    await shot(page, 'register-stages');
    await options.getByRole('button', { name: 'Xong' }).click();

    await page.goto(webUrl(`/dashboard?year=${CYCLE_YEAR}&district=bac-ha`));
    await page.locator('[data-testid="dashboard"][data-district="bac-ha"]').waitFor();
    await page.getByTestId('district-inprogress-bac-ha').getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/app/register');
    const stages = new URL(page.url()).searchParams.get('stage')!.split(',');
    expect(stages).toEqual(expect.arrayContaining(['awaiting_idea_review', 'business_plan_due', 'awaiting_district_session']));
    expect(stages).not.toContain('certified');
    expect(stages).not.toContain('withdrawn');
    await page.getByTestId('register-count').waitFor();
    await page.getByRole('searchbox').fill(word);
    await page.getByRole('searchbox').press('Enter');
    await rowOf(waiting.id).waitFor();
    await rowOf(accepted.id).waitFor();
    await expectAccessible(page, 'register-in-progress');
    expect(errors).toEqual([]);
  });
});
