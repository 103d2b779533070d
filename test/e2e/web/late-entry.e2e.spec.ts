import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openPage, screenshot, webUrl } from '../../support/browser';
import { CLOSED_WINDOW_YEAR, ensureClosedWindowCycle, producerIn } from '../flows';
import { requestAs } from '../http';

// Issue 12, point 5: after the idea window closed, a coordinator opens a late entry for one producer from the
// organisations screen; the producer's idea is then taken (before, CYCLE_NOT_OPEN).
const PRODUCER = 'htx.muon';

describe('web: a coordinator opens a late entry (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    await ensureClosedWindowCycle();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('from the organisations screen; the producer’s idea is refused before and taken after', async () => {
    const name = `HTX Đăng ký muộn ${randomUUID().slice(0, 6)}`;
    const organisationId = await producerIn('van-ban', PRODUCER, name);
    const idea = () =>
      requestAs(PRODUCER, 'POST', '/products', {
        body: { organisationId, name: `Quế Văn Bàn ${randomUUID().slice(0, 6)}`, productGroup: 'thuc-pham', cycleYear: CLOSED_WINDOW_YEAR },
      });
    const before = await idea();
    expect(before.status).toBe(409);
    expect(before.body.code).toBe('CYCLE_NOT_OPEN');

    const { page, context, errors } = await openPage(browser, { phone: false });
    await logIn(page, 'tinh.laocai');
    await page.goto(webUrl('/organisations'));
    await page.getByRole('searchbox').fill(name);
    await page.getByRole('searchbox').press('Enter');
    const item = page.locator('[data-testid="organisation"]').filter({ hasText: name });
    await item.getByTestId('late-entry').click();
    const form = item.getByTestId('late-entry-form');
    await form.getByLabel(/Năm chu kỳ/).fill(String(CLOSED_WINDOW_YEAR));
    await screenshot(page, 'late-entry-form');
    await form.getByRole('button', { name: 'Mở đăng ký muộn' }).click();
    // Ideas are taken through the 7th local day from today, shown dd/mm/yyyy.
    await expect(form.getByTestId('late-entry-done').textContent()).resolves.toMatch(
      new RegExp(`Đã mở đăng ký muộn cho ${name} đến hết ngày \\d{2}/\\d{2}/\\d{4}`),
    );
    expect(errors).toEqual([]);
    await context.close();

    const after = await idea();
    expect(after.status).toBe(201);
  });
});
