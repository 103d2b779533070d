import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { formatDate, localDateKey } from '@ocop/domain';
import { launchBrowser, logIn, openPage, screenshot, webUrl } from '../../support/browser';
import { pdfText } from '../../support/pdf-text';
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
    // The test cycle's year is on the 2025 map (a commune cycle): its areas' sheet is by commune.
    expect(book.worksheets.map((w) => w.name)).toEqual(['Tong hop', 'Giai doan x huyen x nhom', 'Theo xa', 'Qua han', 'Sap den han']);
    expect(String(book.getWorksheet('Tong hop')!.getCell('A1').value)).toBe(`BÁO CÁO TIẾN ĐỘ CHU KỲ OCOP ${CYCLE_YEAR} — lao-cai`);
    await screenshot(page, 'dashboard-reports');

    // The report for a day typed as a clerk writes it (dd/mm/yyyy): today is the cycle as it stands; a date that is
    // not one is refused on the spot (buttons off); a day before the cycle was opened is refused by the API, naming it.
    const asOf = page.getByTestId('report-as-of');
    await asOf.fill('31/02/2026');
    await expect(page.getByRole('alert').filter({ hasText: 'dd/mm/yyyy' }).count()).resolves.toBe(1);
    await expect(page.getByTestId('report-progressXlsx').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'dashboard-reports-bad-date');
    const today = localDateKey(new Date());
    await asOf.fill(formatDate(new Date()));
    const [todays] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-progressXlsx').click()]);
    expect(todays.suggestedFilename()).toBe(`tien-do-ocop-lao-cai-${CYCLE_YEAR}-ngay-${today}.xlsx`);
    const todaysBook = new ExcelJS.Workbook();
    await todaysBook.xlsx.load((await readFile((await todays.path())!)) as unknown as ArrayBuffer);
    expect(String(todaysBook.getWorksheet('Tong hop')!.getCell('A2').value)).toContain(`Tính đến hết ngày ${formatDate(new Date())}`);
    await asOf.fill('01/01/2000');
    await page.getByTestId('report-progressXlsx').click();
    await expect(page.getByTestId('report-buttons').getByRole('alert').textContent()).resolves.toContain('asOf');
    await asOf.fill('');

    await page.goto(webUrl(`/sessions/${encodeURIComponent(sessionId)}`));
    const [minutes] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-minutes').click()]);
    expect(minutes.suggestedFilename()).toBe(`bien-ban-${sessionId}.html`);
    const html = await readFile((await minutes.path())!, 'utf8');
    expect(html).toContain('BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP CẤP TỈNH');
    expect(html).toContain('DỰ THẢO');
    expect((html.match(/<tr data-member=/g) ?? []).length).toBe(5);
    // And as a PDF, every member listed.
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-minutesPdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`bien-ban-${sessionId}.pdf`);
    const read = await pdfText(await readFile((await pdf.path())!));
    const text = read.lines.map((l) => l.join(' ')).join(' ');
    expect(text).toContain('BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP CẤP TỈNH');
    expect(text).toContain('DỰ THẢO');
    expect(read.lines.filter((l) => /^[1-5]$/.test(l[0] ?? '') && l.length === 4)).toHaveLength(5);
    // Only the refused report of 01/01/2000 may have reached the console (Chromium logs a 400 answer).
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
    await context.close();
  }, 120_000);
});
