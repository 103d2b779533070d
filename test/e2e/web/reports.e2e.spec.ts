import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openPage, screenshot, webUrl } from '../../support/browser';
import { CYCLE_YEAR, createSession, ensureTestCycle } from '../flows';

// The coordinator's report buttons in Chromium: the dashboard downloads the progress workbook with the user's login
// (a real XLSX that exceljs opens), and a session's page downloads its minutes.
describe('web: the office’s reports (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    await ensureTestCycle();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('downloads the progress report from the dashboard and the minutes from a session', async () => {
    const sessionId = await createSession('tinh.laocai', 'province', 'lao-cai');
    const { page, context, errors } = await openPage(browser, { phone: false });
    await logIn(page, 'tinh.laocai');
    await page.goto(webUrl(`/dashboard?year=${CYCLE_YEAR}`));
    await page.getByTestId('dashboard').waitFor();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-progressXlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`tien-do-ocop-lao-cai-${CYCLE_YEAR}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await xlsx.path())!)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Tong hop', 'Giai doan x huyen x nhom', 'Qua han', 'Sap den han']);
    expect(String(book.getWorksheet('Tong hop')!.getCell('A1').value)).toBe(`BÁO CÁO TIẾN ĐỘ CHU KỲ OCOP ${CYCLE_YEAR} — lao-cai`);
    await screenshot(page, 'dashboard-reports');

    await page.goto(webUrl(`/sessions/${encodeURIComponent(sessionId)}`));
    const [minutes] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-minutes').click()]);
    expect(minutes.suggestedFilename()).toBe(`bien-ban-${sessionId}.html`);
    const html = await readFile((await minutes.path())!, 'utf8');
    expect(html).toContain('BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP CẤP TỈNH');
    expect(html).toContain('DỰ THẢO');
    expect((html.match(/<tr data-member=/g) ?? []).length).toBe(5);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
