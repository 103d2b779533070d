import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openPage, screenshot } from '../../support/browser';
import { aDocx, aPdf, aPng } from '../../support/sample-files';
import { acceptIdea, ensureTestCycle, ok, submitBusinessPlan, submitIdea, waitForStage } from '../flows';
import { requestAs } from '../http';

// The producer workspace on a phone: a product at dossier_due (taken there over HTTP) gets its required documents
// uploaded from the phone (checklist, progress, previews, replace, remove; a refused file is named) and its dossier
// through the form — a part over its maximum is refused in the form, in Vietnamese, before anything is sent — and
// moves on.
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

    // The checklist of a food product under QĐ 1048: four documents, none attached yet; the dossier is refused.
    const documents = card.getByTestId('documents');
    const checklist = documents.getByTestId('checklist');
    await expect(checklist.getAttribute('data-complete')).resolves.toBe('false');
    await expect(checklist.locator('li[data-present="false"]').count()).resolves.toBe(4);
    const upload = async (kind: string, file: { name: string; mimeType: string; buffer: Buffer }) => {
      await documents.getByTestId('document-kind').selectOption(kind);
      const answered = page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().includes(`/products/${product.id}/documents?kind=${kind}`),
      );
      await documents.getByTestId('document-file').setInputFiles(file);
      return answered;
    };
    // A web page named .pdf is refused with the rule, and nothing is listed.
    const refusedUpload = await upload('business_registration', {
      name: 'dang-ky.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html>not a pdf</html>'),
    });
    expect(refusedUpload.status()).toBe(415);
    await expect(documents.getByTestId('document-error').textContent()).resolves.toContain('Loại tệp không được chấp nhận');
    await expect(documents.getByTestId('document').count()).resolves.toBe(0);

    const uploads: [string, { name: string; mimeType: string; buffer: Buffer }][] = [
      ['business_registration', { name: 'Giấy ĐKKD.pdf', mimeType: 'application/pdf', buffer: aPdf('Giay dang ky kinh doanh') }],
      [
        'product_standard',
        {
          name: 'Tiêu chuẩn cơ sở.docx',
          mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          buffer: aDocx(),
        },
      ],
      ['packaging_photos', { name: 'nhan-chai.png', mimeType: 'image/png', buffer: aPng([200, 160, 20]) }],
      ['food_safety_certificate', { name: 'ATTP.pdf', mimeType: 'application/pdf', buffer: aPdf('ATTP cu') }],
    ];
    for (const [kind, file] of uploads) {
      expect((await upload(kind, file)).status()).toBe(201);
      await expect(documents.getByTestId('document-message').textContent()).resolves.toContain(file.name);
    }
    await documents.locator('[data-testid="document"]').nth(3).waitFor();
    // The photo shows as a thumbnail; replace the food-safety certificate with a newer one.
    const photo = documents.locator('[data-testid="document"][data-kind="packaging_photos"] img');
    await photo.waitFor();
    // (a 1×1 PNG, loaded through the API's same-origin signed link)
    await page.waitForFunction((img: any) => img.complete && img.naturalWidth === 1, await photo.elementHandle(), { timeout: 10_000 });
    await expect(photo.getAttribute('src')).resolves.toMatch(/^\/document-links\//);
    const oldCertificate = documents.locator('[data-testid="document"][data-kind="food_safety_certificate"]');
    const oldId = await oldCertificate.getAttribute('data-document-id');
    const chooser = page.waitForEvent('filechooser');
    await oldCertificate.getByTestId('replace-document').click();
    const replaced = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`replaces=${oldId}`));
    await (await chooser).setFiles({ name: 'ATTP 2026.pdf', mimeType: 'application/pdf', buffer: aPdf('ATTP moi') });
    expect((await replaced).status()).toBe(201);
    await documents.locator('[data-testid="document"][data-kind="food_safety_certificate"]', { hasText: 'ATTP 2026.pdf' }).waitFor();
    await expect(documents.locator(`[data-document-id="${oldId}"]`).count()).resolves.toBe(0);
    // An extra document, then removed again (before submission the producer may).
    expect((await upload('trademark', { name: 'nhan-hieu.pdf', mimeType: 'application/pdf', buffer: aPdf('Nhan hieu') })).status()).toBe(
      201,
    );
    page.once('dialog', (dialog) => void dialog.accept());
    await documents.locator('[data-testid="document"][data-kind="trademark"]').getByTestId('remove-document').click();
    await documents.locator('[data-testid="document"][data-kind="trademark"]').waitFor({ state: 'detached' });
    await expect(checklist.getAttribute('data-complete')).resolves.toBe('true');
    await expect(documents.getByTestId('document').count()).resolves.toBe(4);
    await screenshot(page, 'producer-documents');

    await card.getByTestId('open-step').click();
    const form = card.getByTestId('dossier-form');
    // QĐ 1048/2019: A ≤ 35, B ≤ 25, C ≤ 40.
    await form.getByLabel(/^A\./).fill('36');
    await form.getByLabel(/^B\./).fill('20.5');
    await form.getByLabel(/^C\./).fill('30');
    await form
      .getByLabel(/Đường dẫn minh chứng khác/)
      .fill('https://files.example.vn/ho-so/mat-ong-bac-ha.pdf\nhttps://files.example.vn/ho-so/phieu-kiem-nghiem.pdf');
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
    expect(dossier.payload).toMatchObject({ selfAssessment: { A: 30.25, B: 20.5, C: 30 } });
    // The evidence: the links typed, then each attached document by name and content hash.
    const attached = ok(await requestAs('htx.bacha', 'GET', `/products/${product.id}/documents`)).items;
    expect(dossier.payload.evidence).toEqual([
      'https://files.example.vn/ho-so/mat-ong-bac-ha.pdf',
      'https://files.example.vn/ho-so/phieu-kiem-nghiem.pdf',
      ...attached.map((d: { fileName: string; sha256: string }) => `${d.fileName} (sha256:${d.sha256})`),
    ]);
    expect(attached.map((d: { fileName: string }) => d.fileName).sort()).toEqual(
      ['ATTP 2026.pdf', 'Giấy ĐKKD.pdf', 'Tiêu chuẩn cơ sở.docx', 'nhan-chai.png'].sort(),
    );
    // Submitted: the documents are fixed now (no replace or remove buttons, no upload zone).
    await expect(card.getByTestId('documents').count()).resolves.toBe(0);
    expect(dossier.actor.label).toMatch(/^producer:/);

    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'producer-workspace');
    // Chromium logs the deliberately refused upload above; nothing else.
    expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 415 (Unsupported Media Type)']);
    await context.close();
  }, 120_000);
});
