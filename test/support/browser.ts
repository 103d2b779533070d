import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium, headless, driven by playwright-core (installed by the test set-up when missing).

/** Screenshots of each browser test, under the ignored test/.artifacts/ so a run leaves the tree clean. */
export const SCREENSHOTS = path.join(__dirname, '..', '.artifacts', 'screenshots');
const DEMO_PASSWORD = 'ocop-demo-2021';

export const webUrl = (route = '/'): string => `${process.env.OCOP_E2E_API_URL}/app${route}`;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.OCOP_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every console error and uncaught page error so far; a test asserts it stays empty. */
  readonly errors: string[];
}

/** A fresh page (own storage), phone-sized unless told otherwise, that records console errors. */
export async function openPage(browser: Browser, options: { phone?: boolean; lang?: 'vi' | 'en' } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: options.phone === false ? { width: 1280, height: 900 } : { width: 390, height: 844 },
    deviceScaleFactor: 1,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  // A script run in the page (a string: the test code has no DOM types).
  if (options.lang === 'en') await context.addInitScript("localStorage.setItem('ocop.lang', 'en')");
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  page.setDefaultTimeout(20_000);
  return { page, context, errors };
}

/** Logs in through the login form as a seeded demo user and waits for the role's home screen. */
export async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(webUrl('/login'));
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /Đăng nhập|Log in/ }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core run on the page as it stands: throws, naming each rule and element, on any violation of serious or
 * critical impact. Injected through the DevTools protocol (not a <script> tag), so the page's own CSP still holds.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(`window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))`)) as string[];
  if (violations.length > 0) throw new Error(`axe on "${screen}":\n${violations.join('\n')}`);
}

/** Checks the screen with axe (serious or critical fails the test), then saves a full-page screenshot. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await expectAccessible(page, name);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Waits for the page's title (set once a screen renders). Read through the browser's protocol, not a script in the
 * page: the app's CSP forbids `eval`, which a string predicate of `waitForFunction` needs.
 */
export async function waitForTitle(page: Page, title: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await page.title();
  while (seen !== title) {
    if (Date.now() > deadline) throw new Error(`the page's title stayed ${JSON.stringify(seen)}, not ${JSON.stringify(title)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await page.title();
  }
}
