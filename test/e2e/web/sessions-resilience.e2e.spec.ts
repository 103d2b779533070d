import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, logIn, openPage, screenshot, waitForTitle, webUrl } from '../../support/browser';
import { ok } from '../flows';
import { requestAs } from '../http';

// Sessions that survive real life: a link opened before logging in is where the user lands after; a failed
// /auth/me (the server away) keeps the user logged in and says so, retrying; an expired token asks for the password
// in place and keeps what was typed; every page has its own title and the right lang.

const DEMO_PASSWORD = 'ocop-demo-2021';
/** The browser's own line for a request that got no answer or a 401 — what these tests provoke on purpose. */
const provoked = (error: string) => /Failed to load resource: (net::ERR_FAILED|the server responded with a status of 401)/.test(error);

describe('web: sessions that survive outages and expiry (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lands on the link opened before logging in, with its own title and lang', async () => {
    const { page, context, errors } = await openPage(browser, { phone: false });
    await page.goto(webUrl('/register?tab=organisations&q=bac%20ha'));
    await page.waitForURL((url) => url.pathname === '/app/login');
    await waitForTitle(page, 'Đăng nhập — OCOP Flow'); // set once the page renders
    await page.getByLabel(/Tên đăng nhập/).fill('tinh.laocai');
    await page.getByLabel(/Mật khẩu/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(
      (url) =>
        url.pathname === '/app/register' && url.searchParams.get('q') === 'bac ha' && url.searchParams.get('tab') === 'organisations',
    );
    await page.getByTestId('register-organisations').waitFor();
    await expect(page.locator('[data-testid="register-row"]').first().textContent()).resolves.toContain('Bắc Hà');
    await waitForTitle(page, 'Sổ đăng ký — OCOP Flow'); // set once the page renders
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('vi');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sổ đăng ký');
    await page.getByTestId('lang-switch').click();
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('en');
    await waitForTitle(page, 'Register — OCOP Flow'); // set once the page renders
    // The skip link is the first stop of the keyboard (on a fresh load) and moves focus to the content.
    await page.reload();
    await page.getByTestId('register-organisations').waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.className')).resolves.toBe('skip-link');
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('main');
    await screenshot(page, 'register-organisations-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stays logged in while /auth/me cannot be reached, says so, and recovers', async () => {
    const { page, context, errors } = await openPage(browser, { phone: true });
    await logIn(page, 'huyen.bacha');
    await context.route('**/auth/me', (route) => route.abort('failed'));
    await page.goto(webUrl('/review'));
    await page.getByTestId('server-unreachable').waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/review');
    await expect(page.locator('.who').textContent()).resolves.toContain('Đăng xuất');
    await expectAccessible(page, 'server-unreachable');
    await context.unroute('**/auth/me');
    // The next retry reaches the server: the notice goes.
    await page.getByTestId('server-unreachable').waitFor({ state: 'detached', timeout: 15_000 });
    expect(errors.filter((e) => !provoked(e))).toEqual([]);
    await context.close();
  });

  it('asks for the password again in place when the token expired, keeping the form being typed', async () => {
    const { page, context, errors } = await openPage(browser, { phone: true });
    await logIn(page, 'huyen.bacha');
    await page.goto(webUrl('/organisations'));
    await page.getByTestId('register-organisation').click();
    const name = `HTX Rau an toàn Bắc Hà ${randomUUID().slice(0, 6)}`;
    await page.getByLabel('Tên chủ thể').fill(name);
    // The token expires while the form is being filled (a token no server signed stands for it).
    await page.evaluate(`localStorage.setItem('ocop.token', 'expired.token.value')`);
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    const dialog = page.getByTestId('relogin');
    await dialog.waitFor();
    await expect(page.evaluate('document.activeElement.type')).resolves.toBe('password');
    await screenshot(page, 'relogin-in-place');
    await dialog.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Đăng nhập' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Same screen, same typed value: sending again goes through.
    await expect(page.getByLabel('Tên chủ thể').inputValue()).resolves.toBe(name);
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expect(page.locator('.success').first().textContent()).resolves.toBe(`Đã đăng ký ${name}.`);
    const found = ok(await requestAs('huyen.bacha', 'GET', `/organisations?q=${encodeURIComponent(name)}`));
    expect(found.items.map((o: { name: string }) => o.name)).toEqual([name]);
    expect(errors.filter((e) => !provoked(e))).toEqual([]);
    await context.close();
  });
});
