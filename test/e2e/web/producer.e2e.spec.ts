import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openPage, screenshot } from '../../support/browser';
import { acceptIdea, ensureTestCycle, ok, submitBusinessPlan, submitIdea, waitForStage } from '../flows';
import { requestAs } from '../http';

// The producer workspace on a phone: a product at dossier_due (taken there over HTTP) gets its dossier through the
// form — a part over its maximum is refused in the form, in Vietnamese, before anything is sent — and moves on.
describe('web: the producer workspace (Chromium, phone)', () => {
  let browser: Browser;
  beforeAll(async () => {
    await ensureTestCycle();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('submits the dossier through the form, after refusing a part over its maximum without calling the API', async () => {
    const product = await submitIdea({ name: `Mật ong hoa bạc hà ${randomUUID().slice(0, 6)}` });
    await acceptIdea(product.id);
    await waitForStage(product.id, 'business_plan_due');
    await submitBusinessPlan(product.id);
    await waitForStage(product.id, 'dossier_due');

    const { page, context, errors } = await openPage(browser, { phone: true });
    const dossierPosts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/products/${product.id}/dossier`)) dossierPosts.push(request.url());
    });
    await logIn(page, 'htx.bacha');
    expect(new URL(page.url()).pathname).toBe('/app/workspace');

    const card = page.locator(`[data-testid="product-card"][data-product-id="${product.id}"]`);
    await card.waitFor();
    await expect(card.getAttribute('data-stage')).resolves.toBe('dossier_due');
    await expect(card.getByTestId('due').textContent()).resolves.toContain('Nộp hồ sơ đánh giá');
    await card.getByTestId('countdown').waitFor();

    await card.getByTestId('open-step').click();
    const form = card.getByTestId('dossier-form');
    // QĐ 1048/2019: A ≤ 35, B ≤ 25, C ≤ 40.
    await form.getByLabel(/^A\./).fill('36');
    await form.getByLabel(/^B\./).fill('20.5');
    await form.getByLabel(/^C\./).fill('30');
    await form.getByLabel(/Tài liệu minh chứng/).fill('https://files.example.vn/ho-so/mat-ong-bac-ha.pdf\nhttps://files.example.vn/ho-so/phieu-kiem-nghiem.pdf');
    await form.getByRole('button', { name: 'Nộp hồ sơ đánh giá' }).click();

    const problem = form.getByTestId('part-problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toBe('Phần A: tối đa 35 điểm — không thể nhập 36');
    await expect(form.getByTestId('form-refused').textContent()).resolves.toContain('chưa có gì được gửi đi');
    await expect(form.getByLabel(/^A\./).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.getByLabel(/^A\./).getAttribute('max')).resolves.toBe('35');
    expect(dossierPosts).toEqual([]);
    await screenshot(page, 'producer-dossier-refused');

    await form.getByLabel(/^A\./).fill('30.25');
    await expect(form.getByTestId('part-problem').count()).resolves.toBe(0);
    await expect(form.getByTestId('parts-total').textContent()).resolves.toContain('80,75');
    await form.getByRole('button', { name: 'Nộp hồ sơ đánh giá' }).click();

    await page.locator(`[data-product-id="${product.id}"][data-stage="awaiting_district_session"]`).waitFor();
    await expect(card.getByTestId('success').textContent()).resolves.toContain('Đã nộp hồ sơ đánh giá');
    await expect(card.locator('.badge').first().textContent()).resolves.toBe('Chờ hội đồng cấp huyện');
    await expect(card.getByTestId('dossier-form').count()).resolves.toBe(0);
    expect(dossierPosts).toHaveLength(1);

    const after = ok(await requestAs('htx.bacha', 'GET', `/products/${product.id}`));
    expect(after.stage).toBe('awaiting_district_session');
    const timeline = ok(await requestAs('htx.bacha', 'GET', `/products/${product.id}/timeline`));
    const dossier = timeline.events.find((e: { type: string }) => e.type === 'DossierSubmitted');
    expect(dossier.payload).toMatchObject({ selfAssessment: { A: 30.25, B: 20.5, C: 30 }, evidence: ['https://files.example.vn/ho-so/mat-ong-bac-ha.pdf', 'https://files.example.vn/ho-so/phieu-kiem-nghiem.pdf'] });
    expect(dossier.actor.label).toMatch(/^producer:/);

    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'producer-workspace');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
