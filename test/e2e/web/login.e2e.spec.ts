import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openPage, screenshot, webUrl } from '../../support/browser';

// Login with the seeded demo users: each role lands on its own home screen, in Vietnamese by default and in
// English on the switch; the page never logs an error.
describe('web: login and each role’s home screen (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['tinh.laocai', '/dashboard'],
    ['huyen.bacha', '/dashboard'],
    ['htx.bacha', '/workspace'],
    ['hoidong.2', '/sessions'],
    ['lab.laocai', '/lab'],
    ['kiemtra.laocai', '/inspections'],
  ])('%s lands on %s', async (username, home) => {
    const { page, context, errors } = await openPage(browser);
    await logIn(page, username);
    expect(new URL(page.url()).pathname).toBe(`/app${home}`);
    await expect(page.getByRole('button', { name: 'Đăng xuất' }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a wrong password with the API’s message, in the chosen language', async () => {
    const { page, context, errors } = await openPage(browser, { phone: true });
    await page.goto(webUrl('/login'));
    await page.getByTestId('lang-switch').click();
    await page.getByLabel('Username').fill('htx.bacha');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByTestId('error').textContent()).resolves.toContain('Wrong username or password');
    await screenshot(page, 'login-refused-en');
    // The browser logs the 401 of the failed login itself; nothing else may be logged.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await context.close();
  });
});
