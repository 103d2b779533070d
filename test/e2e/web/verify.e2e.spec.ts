import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot, webUrl } from '../../support/browser';
import {
  acceptIdea,
  createSession,
  DEMO_LAB_API_KEY,
  ensureTestCycle,
  enterProduct,
  ok,
  scoreAndClose,
  stageOf,
  submitBusinessPlan,
  submitDossier,
  submitIdea,
  until,
  waitForStage,
} from '../flows';
import { request } from '../http';

// The public verification screen, as a shopper's phone opens it from a certificate's QR code: a product taken to a
// certificate over HTTP, then the screen in Chromium without logging in, in Vietnamese and in English.
jest.setTimeout(240_000);

describe('web: public certificate verification (Chromium, no login)', () => {
  let browser: Browser;
  let certificateNo: string;
  let name: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    await ensureTestCycle();
    const product = await submitIdea({ productGroup: 'thuc-pham', name: `Miến dong Bắc Hà ${randomUUID().slice(0, 6)}` });
    name = product.name;
    await acceptIdea(product.id, 'huyen.bacha');
    await submitBusinessPlan(product.id);
    await submitDossier(product.id);

    // District council ≈ 74 → forwarded; food goes to the lab first.
    const district = await createSession('huyen.bacha', 'district', 'bac-ha');
    await enterProduct('huyen.bacha', district, product.id);
    await scoreAndClose(district, [product.id], 74);
    await waitForStage(product.id, 'awaiting_lab_test');

    // The lab answers with its API key.
    const requests = await until(
      async () => ok(await request('GET', '/lab-requests?status=requested', { headers: { 'x-api-key': DEMO_LAB_API_KEY } })),
      (list: { productId: string; requestId: string }[]) => list.some((r) => r.productId === product.id),
      'the lab request',
    );
    const labRequest = requests.find((r) => r.productId === product.id)!;
    ok(
      await request('POST', `/lab-requests/${encodeURIComponent(labRequest.requestId)}/results`, {
        headers: { 'x-api-key': DEMO_LAB_API_KEY, 'Idempotency-Key': `lab-${randomUUID()}` },
        body: {
          indicators: [
            { indicator: 'E. coli', value: '< 3 MPN/g', passed: true },
            { indicator: 'Chì (Pb)', value: '0.02 mg/kg', passed: true },
          ],
        },
      }),
    );
    await waitForStage(product.id, 'awaiting_province_session');

    // Provincial council ≈ 78 → 4 stars, certified.
    const province = await createSession('tinh.laocai', 'province', 'lao-cai');
    await enterProduct('tinh.laocai', province, product.id);
    await scoreAndClose(province, [product.id], 78);
    const certified = await until(
      () => stageOf(product.id),
      (p) => p.stage === 'certified' && !!p.certificateNo,
      'the certificate',
    );
    certificateNo = certified.certificateNo;
    expect(certified.stars).toBe(4);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the product, its stars and the status in big letters, in Vietnamese then in English, on a phone', async () => {
    const { page, context, errors } = await openPage(browser, { phone: true });
    await page.goto(webUrl(`/verify/${certificateNo}`));

    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await page.getByTestId('verify-product').textContent()).toBe(name);
    expect(await page.getByTestId('verify-stars').textContent()).toContain('★★★★');
    expect((await page.getByTestId('verify-stars').textContent())?.match(/★/g)).toHaveLength(4);
    expect(await page.getByTestId('verify-status').textContent()).toContain('Còn hiệu lực');
    expect(await result.getAttribute('data-status')).toBe('valid');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(certificateNo);
    expect(text).toContain('HTX Nông nghiệp Bắc Hà');
    expect(text).toContain('Bắc Hà');
    expect(text).toContain('Lào Cai');
    // Nobody is logged in: no logout button, no menu of a role.
    expect(await page.getByRole('button', { name: 'Đăng xuất' }).count()).toBe(0);
    await screenshot(page, 'verify-vi');

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('verify-status').filter({ hasText: 'Valid' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Verify an OCOP certificate');
    expect(await page.getByTestId('verify-product').textContent()).toBe(name);
    await screenshot(page, 'verify');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('checks a number typed in the field, says a malformed number is not one without asking the API, and an unknown one is not found', async () => {
    const { page, context, errors } = await openPage(browser, { phone: true });
    await page.goto(webUrl('/verify'));
    await page.getByLabel('Số giấy chứng nhận').fill(` ${certificateNo.toLowerCase()} `);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.waitForURL((url) => url.pathname === `/app/verify/${certificateNo}`);
    await page.getByTestId('verify-status').filter({ hasText: 'Còn hiệu lực' }).waitFor();

    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/public/certificates/')) asked.push(r.url());
    });
    await page.goto(webUrl('/verify/not-a-number'));
    await page.getByTestId('verify-invalid').waitFor();
    expect(asked).toEqual([]);

    await page.goto(webUrl('/verify/LC-1999-9999'));
    const notFound = page.getByTestId('verify-not-found');
    await notFound.waitFor();
    expect(await notFound.textContent()).toContain('Không tìm thấy');
    await page.getByTestId('lang-switch').click();
    await notFound.filter({ hasText: 'not found' }).waitFor();
    await screenshot(page, 'verify-not-found');

    // Chromium logs the 404 of the unknown number itself; nothing else may be logged.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });
});
