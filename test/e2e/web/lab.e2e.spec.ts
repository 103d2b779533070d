import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openPage, screenshot } from '../../support/browser';
import {
  acceptIdea,
  createSession,
  ensureTestCycle,
  enterProduct,
  ok,
  scoreAndClose,
  submitBusinessPlan,
  submitDossier,
  submitIdea,
  until,
  waitForStage,
} from '../flows';
import { requestAs } from '../http';

// The lab's queue in Chromium: a food product past its district council waits for the lab; the lab finds it in its
// queue on a phone, enters the indicators through the form, and the product moves on to the provincial council.
jest.setTimeout(240_000);

describe('web: the lab queue (Chromium, lab.laocai)', () => {
  let browser: Browser;
  let product: { id: string; name: string };
  let requestId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    await ensureTestCycle();
    product = await submitIdea({ productGroup: 'thuc-pham', name: `Mật ong bạc hà ${randomUUID().slice(0, 6)}` });
    await acceptIdea(product.id, 'huyen.bacha');
    await submitBusinessPlan(product.id);
    await submitDossier(product.id);
    const district = await createSession('huyen.bacha', 'district', 'bac-ha');
    await enterProduct('huyen.bacha', district, product.id);
    await scoreAndClose(district, [product.id], 74);
    await waitForStage(product.id, 'awaiting_lab_test');
    const waiting = await until(
      async () => ok(await requestAs('lab.laocai', 'GET', '/lab-requests')),
      (list: { productId: string; requestId: string }[]) => list.some((r) => r.productId === product.id),
      'the request in the lab’s queue',
    );
    requestId = waiting.find((r) => r.productId === product.id)!.requestId;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds the request, submits the indicators through the form, and the product moves on', async () => {
    const { page, context, errors } = await openPage(browser, { phone: true });
    await logIn(page, 'lab.laocai');
    expect(new URL(page.url()).pathname).toBe('/app/lab');

    const card = page.getByTestId('lab-request').filter({ hasText: product.name });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Thực phẩm');
    expect(text).toContain('Huyện Bắc Hà');
    expect(await card.getByTestId('attempt').textContent()).toBe('1');
    expect(await card.getByTestId('countdown').count()).toBe(1);
    expect(await card.getAttribute('data-status')).toBe('requested');

    await card.getByRole('button', { name: 'Nhập kết quả' }).click();
    const rows = card.getByTestId('indicator-row');
    expect(await rows.count()).toBe(1);
    // One row at least: its remove button is disabled.
    expect(await rows.nth(0).getByRole('button', { name: /Xóa/ }).isDisabled()).toBe(true);
    await rows.nth(0).locator('input[name="indicator"]').fill('E. coli');
    await rows.nth(0).locator('input[name="value"]').fill('< 3 MPN/g');
    await card.getByRole('button', { name: '+ Thêm chỉ tiêu' }).click();
    await rows.nth(1).locator('input[name="indicator"]').fill('Chì (Pb)');
    await rows.nth(1).locator('input[name="value"]').fill('0.02 mg/kg');
    // A third row, unchecked (→ the summary says failed), then removed again.
    await card.getByRole('button', { name: '+ Thêm chỉ tiêu' }).click();
    await rows.nth(2).locator('input[name="passed"]').uncheck();
    expect(await card.getByTestId('lab-summary').textContent()).toContain('KHÔNG ĐẠT');
    await rows.nth(2).getByRole('button', { name: /Xóa/ }).click();
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator('input[name="passed"]').isChecked()).toBe(true);
    expect(await rows.nth(1).locator('input[name="passed"]').isChecked()).toBe(true);
    expect(await card.getByTestId('lab-summary').textContent()).toContain('ĐẠT');
    await screenshot(page, 'lab-queue');

    await card.getByRole('button', { name: 'Gửi kết quả' }).click();
    const outcome = page.getByTestId('lab-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain(`Đã ghi kết quả cho “${product.name}”: ĐẠT`);
    // Answered: gone from the waiting list.
    await card.waitFor({ state: 'detached' });

    // Over HTTP: the request passed with the entered indicators, and the product moved on.
    const decided = ok(await requestAs('lab.laocai', 'GET', `/lab-requests/${encodeURIComponent(requestId)}`));
    expect(decided).toMatchObject({
      status: 'passed',
      results: [
        { indicator: 'E. coli', value: '< 3 MPN/g', passed: true },
        { indicator: 'Chì (Pb)', value: '0.02 mg/kg', passed: true },
      ],
    });
    await waitForStage(product.id, 'awaiting_province_session');

    // The passed filter shows it with its results.
    await page.getByTestId('lab-status-filter').selectOption('passed');
    const passed = page.getByTestId('lab-request').filter({ hasText: product.name });
    await passed.waitFor();
    expect(await passed.getAttribute('data-status')).toBe('passed');
    expect(await passed.textContent()).toContain('0.02 mg/kg');
    await screenshot(page, 'lab-queue-passed');

    expect(errors).toEqual([]);
    await context.close();
  });
});
