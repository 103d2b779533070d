import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openPage, screenshot, webUrl } from '../../support/browser';
import {
  acceptIdea,
  createSession,
  ensureTestCycle,
  enterProduct,
  ok,
  parts,
  submitBusinessPlan,
  submitDossier,
  submitIdea,
  userIdOf,
  waitForStage,
} from '../flows';
import { requestAs } from '../http';

// The council scoring screen on a phone: four members score about 70 over HTTP; the chair enters about 90 in the
// browser, sees the spread warning before and after sending, revises to about 71 and sees it go; then closes.
describe('web: council scoring (Chromium, phone)', () => {
  let browser: Browser;
  beforeAll(async () => {
    await ensureTestCycle();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('warns about a spread over 10 points, revises, and closes the session', async () => {
    const product = await submitIdea({ name: `Rượu ngô Bản Phố ${randomUUID().slice(0, 6)}`, productGroup: 'do-uong' });
    await acceptIdea(product.id);
    await waitForStage(product.id, 'business_plan_due');
    await submitBusinessPlan(product.id);
    await waitForStage(product.id, 'dossier_due');
    await submitDossier(product.id);
    await waitForStage(product.id, 'awaiting_district_session');
    const sessionId = await createSession('huyen.bacha', 'district', 'bac-ha');
    await enterProduct('huyen.bacha', sessionId, product.id);
    for (const [member, total] of [
      ['hoidong.2', 70],
      ['hoidong.3', 71],
      ['hoidong.4', 69],
      ['hoidong.5', 70.5],
    ] as const) {
      ok(await requestAs(member, 'POST', `/sessions/${sessionId}/scorecards`, { body: { productId: product.id, parts: parts(total) } }));
    }
    const chairId = await userIdOf('hoidong.1');

    const { page, context, errors } = await openPage(browser, { phone: true });
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    await logIn(page, 'hoidong.1');
    expect(new URL(page.url()).pathname).toBe('/app/sessions');
    const item = page.locator(`[data-testid="session-item"][data-session-id="${sessionId}"]`);
    await expect(item.textContent()).resolves.toContain('Hội đồng cấp huyện — Huyện Bắc Hà');
    await expect(item.textContent()).resolves.toContain('Bạn là chủ tịch hội đồng');
    await screenshot(page, 'council-sessions');
    await item.getByRole('link').first().click();
    await page.waitForURL((url) => url.pathname === `/app/sessions/${sessionId}`);

    const card = page.locator(`[data-testid="session-product"][data-product-id="${product.id}"]`);
    await card.waitFor();
    await expect(card.getByTestId('scorecards').locator('tbody tr').count()).resolves.toBe(4);
    const form = card.getByTestId('scorecard-form');
    await expect(form.getByTestId('my-revision').textContent()).resolves.toBe('Bạn chưa chấm sản phẩm này.');

    // The member opens the dossier beside the scorecard: its checklist is complete, and a document opens in the browser.
    await card.locator('.sc-dossier summary').click();
    const documents = card.getByTestId('documents');
    await expect(documents.getByTestId('checklist').getAttribute('data-complete')).resolves.toBe('true');
    await expect(documents.getByTestId('document').count()).resolves.toBe(4);
    await expect(documents.getByTestId('replace-document').count()).resolves.toBe(0);
    await expect(documents.getByTestId('drop-zone').count()).resolves.toBe(0);
    const registration = documents.locator('[data-testid="document"][data-kind="business_registration"]');
    const presigned = context.waitForEvent('response', { predicate: (r) => r.url().includes('X-Amz-Signature=') });
    const [tab] = await Promise.all([page.waitForEvent('popup'), registration.getByTestId('open-document').click()]);
    const opened = await presigned;
    expect(opened.status()).toBe(200);
    expect(opened.headers()['content-type']).toBe('application/pdf');
    await tab.close();
    await screenshot(page, 'council-dossier-documents');
    await expect(page.getByTestId('my-progress').textContent()).resolves.toBe('0/1');

    // About 90: more than 10 points from every other member — the warning shows as the scores are typed.
    await form.getByLabel(/^A\./).fill('31.5');
    await form.getByLabel(/^B\./).fill('22.5');
    await form.getByLabel(/^C\./).fill('36');
    await expect(form.getByTestId('my-total').textContent()).resolves.toBe('90');
    const warning = form.getByTestId('spread-warning');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toMatch(
      /^Cảnh báo chênh lệch: tổng điểm của bạn \(90\) lệch hơn 10 điểm so với .*Trần Thị Bình \(70\)/,
    );

    await form.getByRole('button', { name: 'Gửi phiếu chấm' }).click();
    await expect(card.getByTestId('score-success').textContent()).resolves.toBe('Đã gửi phiếu chấm (lần 1): 90 điểm.');
    // The session itself now names the chair among those who must revise (live state, refreshed after sending).
    await card.getByTestId('must-revise').waitFor();
    await card.getByTestId('spread-warning').waitFor();
    await expect(card.getByTestId('my-revision').textContent()).resolves.toBe('Đã gửi lần 1 — tổng 90 điểm');
    await expect(card.getByTestId('spread-now').textContent()).resolves.toContain('21 điểm');
    await screenshot(page, 'council-scoring-spread');

    // Revise to about 71: the warning goes as the new scores are typed, and the session stops asking once sent.
    await form.getByLabel(/^A\./).fill('24.75');
    await form.getByLabel(/^B\./).fill('18');
    await form.getByLabel(/^C\./).fill('28.25');
    await expect(form.getByTestId('my-total').textContent()).resolves.toBe('71');
    await expect(form.getByTestId('spread-warning').count()).resolves.toBe(0);
    await form.getByRole('button', { name: 'Chấm lại (lần 2)' }).click();
    await expect(card.getByTestId('score-success').textContent()).resolves.toBe('Đã chấm lại (lần 2): 71 điểm.');
    await card.getByTestId('must-revise').waitFor({ state: 'detached' });
    await expect(card.getByTestId('spread-warning').count()).resolves.toBe(0);
    await expect(card.getByTestId('my-revision').textContent()).resolves.toBe('Đã gửi lần 2 — tổng 71 điểm');
    await expect(card.locator(`tr[data-member-id="${chairId}"]`).textContent()).resolves.toContain('71');

    const live = ok(await requestAs('hoidong.1', 'GET', `/sessions/${sessionId}`)).live;
    expect(
      live.scorecards.find((c: { memberId: string; productId: string }) => c.memberId === chairId && c.productId === product.id),
    ).toMatchObject({ total: 71, revision: 2, parts: { A: 24.75, B: 18, C: 28.25 } });
    expect(live.mustRevise[product.id]).toEqual([]);
    await screenshot(page, 'council-scoring');

    // The chair closes with every member present (the default), after a confirmation.
    const close = page.getByTestId('close-session');
    await expect(close.locator('input[type="checkbox"]:checked').count()).resolves.toBe(5);
    await close.getByTestId('close-button').click();
    await close.getByTestId('confirm-close').click();
    await card.getByTestId('result').waitFor();
    await expect(card.getByTestId('result').textContent()).resolves.toMatch(/^Kết quả: 70,3 điểm/);
    await expect(card.getByTestId('scorecard-form').count()).resolves.toBe(0);
    expect(ok(await requestAs('hoidong.1', 'GET', `/sessions/${sessionId}`)).live.status).toBe('closed');

    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('on a wide screen the dossier sits beside the scorecard, and a document opens while scoring; stacked on a phone', async () => {
    const product = await submitIdea({ name: `Chè Shan tuyết Tả Củ Tỷ ${randomUUID().slice(0, 6)}`, productGroup: 'do-uong' });
    await acceptIdea(product.id);
    await waitForStage(product.id, 'business_plan_due');
    await submitBusinessPlan(product.id);
    await waitForStage(product.id, 'dossier_due');
    await submitDossier(product.id);
    await waitForStage(product.id, 'awaiting_district_session');
    const sessionId = await createSession('huyen.bacha', 'district', 'bac-ha');
    await enterProduct('huyen.bacha', sessionId, product.id);

    const { page, context, errors } = await openPage(browser, { phone: false });
    await logIn(page, 'hoidong.1');
    await page.goto(webUrl(`/sessions/${sessionId}`));
    const card = page.locator(`[data-testid="session-product"][data-product-id="${product.id}"]`);
    await card.waitFor();
    const layout = card.getByTestId('scoring-layout');
    const dossier = card.getByTestId('dossier');
    const form = card.getByTestId('scorecard-form');
    await form.waitFor();
    await expect(layout.getAttribute('data-side-by-side')).resolves.toBe('true');
    // Open without a click, left of the form, and beside it: their vertical extents overlap.
    await expect(dossier.evaluate((d) => (d as unknown as { open: boolean }).open)).resolves.toBe(true);
    const [d, f] = [(await dossier.boundingBox())!, (await form.boundingBox())!];
    expect(d.x + d.width).toBeLessThanOrEqual(f.x);
    expect(d.width).toBeGreaterThan(400);
    expect(f.width).toBeGreaterThan(400);
    expect(d.y < f.y + f.height && f.y < d.y + d.height).toBe(true);

    // Halfway through the scorecard the member opens a document of the dossier; the typed scores stay.
    await form.getByLabel(/^A\./).fill('27,5');
    const documents = dossier.getByTestId('documents');
    await expect(documents.getByTestId('checklist').getAttribute('data-complete')).resolves.toBe('true');
    const registration = documents.locator('[data-testid="document"][data-kind="business_registration"]');
    await expect(registration.getByTestId('open-document').isVisible()).resolves.toBe(true);
    const presigned = context.waitForEvent('response', { predicate: (r) => r.url().includes('X-Amz-Signature=') });
    const [tab] = await Promise.all([page.waitForEvent('popup'), registration.getByTestId('open-document').click()]);
    const opened = await presigned;
    expect(opened.status()).toBe(200);
    expect(opened.headers()['content-type']).toBe('application/pdf');
    await tab.close();
    await expect(form.getByLabel(/^A\./).inputValue()).resolves.toBe('27,5');
    await form.getByLabel(/^B\./).fill('18');
    await form.getByLabel(/^C\./).fill('26');
    await expect(form.getByTestId('my-total').textContent()).resolves.toBe('71,5');
    await screenshot(page, 'council-dossier-beside-scorecard');
    await form.getByRole('button', { name: 'Gửi phiếu chấm' }).click();
    await expect(card.getByTestId('score-success').textContent()).resolves.toBe('Đã gửi phiếu chấm (lần 1): 71,5 điểm.');

    // A phone-sized window: one column, the dossier (folded) above the scorecard.
    await page.setViewportSize({ width: 390, height: 844 });
    // The media query's change reaches React after the resize returns: wait for the re-render, not a fixed read.
    await card.locator('[data-testid="scoring-layout"][data-side-by-side="false"]').waitFor();
    await expect(dossier.evaluate((el) => (el as unknown as { open: boolean }).open)).resolves.toBe(false);
    const [pd, pf] = [(await dossier.boundingBox())!, (await form.boundingBox())!];
    expect(pd.y + pd.height).toBeLessThanOrEqual(pf.y);
    expect(Math.abs(pd.x - pf.x)).toBeLessThan(20);
    await dossier.locator('summary').click();
    await expect(dossier.getByTestId('documents').getByTestId('document').count()).resolves.toBe(4);
    await screenshot(page, 'council-dossier-stacked-phone');

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
