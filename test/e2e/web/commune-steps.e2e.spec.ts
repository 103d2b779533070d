import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openPage, screenshot, webUrl, type WatchedPage } from '../../support/browser';
import {
  attachRequiredDocuments,
  BAO_NHAI_ORG,
  createSession,
  enterProduct,
  scoreAndClose,
  ensureCompressedCycle,
  ensureNewLaoCaiCycle,
  NEW_LAO_CAI,
  NEW_LAO_CAI_YEAR,
  ok,
  toDossier,
  until,
} from '../flows';
import { DEMO_PASSWORD, requestAs } from '../http';

// The steps of the 2025 map people take in the web app, in Chromium at desktop and phone sizes: a producer enters its
// certified product for re-evaluation and sees the earlier cycle's timeline under the new one; a coordinator places an
// organisation in a commune picked by name (another province's commune refused under the field); the register
// filters a commune cycle by commune; the central office opens the new Lào Cai's dashboard from the national view.
// Years: Lào Cai (2021 plan) 2023 under QĐ 148 for the old certificate (as communes.e2e, but in Huyện Bát Xát, with
// its own council session), the new Lào Cai's commune cycle of next year for the re-evaluation.
const OLD_MAP_YEAR = 2023;
const A_MU_SUNG = '02686'; // Xã A Mú Sung, formerly of Huyện Bát Xát (Lào Cai)
const BAO_NHAI = '02890';
const SON_LA_COMMUNE = '03646'; // Phường Tô Hiệu, Sơn La (14)
const REFUSED = 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)';

/** A new Bát Xát organisation (an old-map address, placed in Xã A Mú Sung) with its producer. */
async function batXatProducer(label: string): Promise<{ organisationId: string; name: string; producer: string }> {
  const producer = `htx.amusung.${randomUUID().slice(0, 6)}`;
  const organisation = ok(
    await requestAs('tinh.laocai', 'POST', '/organisations', {
      body: {
        name: `HTX ${label} A Mú Sung ${randomUUID().slice(0, 6)}`,
        producerType: 'htx',
        districtCode: 'bat-xat',
        address: 'Xã A Mú Sung, Huyện Bát Xát, Tỉnh Lào Cai',
      },
    }),
    201,
  );
  ok(
    await requestAs('admin', 'POST', '/users', {
      body: {
        username: producer,
        displayName: organisation.name,
        password: DEMO_PASSWORD,
        role: 'producer',
        organisationId: organisation.id,
      },
    }),
    201,
  );
  return { organisationId: organisation.id, name: organisation.name, producer };
}

/** A product certified 3★ by Huyện Bát Xát's council in the 2023 (QĐ 148, old map) cycle; answers its id and certificate. */
async function certifiedInBatXat(producer: string, organisationId: string): Promise<{ productId: string; certificateNo: string }> {
  await ensureCompressedCycle(OLD_MAP_YEAR, 'QD148-2023');
  const idea = ok(
    await requestAs(producer, 'POST', '/products', {
      body: { organisationId, name: 'Chè shan A Mú Sung', productGroup: 'thu-cong-my-nghe', cycleYear: OLD_MAP_YEAR },
    }),
    201,
  );
  ok(await requestAs('huyen.batxat', 'POST', `/products/${idea.id}/review`, { body: { decision: 'accept' } }));
  ok(await requestAs(producer, 'POST', `/products/${idea.id}/business-plan`, { body: { summary: 'Chè shan theo mùa' } }));
  await attachRequiredDocuments(idea.id, producer);
  ok(
    await requestAs(producer, 'POST', `/products/${idea.id}/dossier`, {
      body: { selfAssessment: { A: 22, B: 15, C: 23 }, evidence: ['x'] },
    }),
  );
  const sessionId = await createSession('huyen.batxat', 'district', 'bat-xat', OLD_MAP_YEAR);
  await enterProduct('huyen.batxat', sessionId, idea.id);
  await scoreAndClose(sessionId, [idea.id], 60);
  const certified = await until(
    async () => ok(await requestAs('huyen.batxat', 'GET', `/products/${idea.id}`)),
    (p) => p.stage === 'certified',
    'the 2023 certificate',
    90_000,
  );
  return { productId: idea.id, certificateNo: certified.certificateNo };
}

describe.each([
  ['desktop', false],
  ['phone', true],
] as const)('web: the 2025 map’s steps in the web app (%s)', (size, phone) => {
  let browser: Browser;
  const opened: WatchedPage[] = [];
  const open = async () => {
    const watched = await openPage(browser, { phone });
    opened.push(watched);
    return watched;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    await ensureNewLaoCaiCycle();
  });
  afterAll(async () => {
    for (const p of opened) await p.context.close();
    await browser?.close();
  });

  it('a producer re-evaluates its certified product and sees the earlier cycle’s timeline under the new journey', async () => {
    const { organisationId, producer } = await batXatProducer('chè');
    const { productId, certificateNo } = await certifiedInBatXat(producer, organisationId);
    const { page, errors } = await open();
    await logIn(page, producer);
    await page.goto(webUrl(`/products/${productId}`));
    await expect(page.getByTestId('certificate-no').textContent()).resolves.toBe(certificateNo);
    await page.getByTestId('reevaluate').click();
    const form = page.getByTestId('reevaluate-form');
    await form.locator('select[data-field="cycleYear"]').selectOption(String(NEW_LAO_CAI_YEAR));
    await screenshot(page, `reevaluate-${size}-form`);
    await form.locator('button[type="submit"]').click();

    // The same product's page now holds the new cycle's journey, in its commune, with the 2023 cycle under it.
    await page.locator(`[data-testid="product-cycle"]:text-is("${NEW_LAO_CAI_YEAR}")`).waitFor();
    await expect(page.getByTestId('product-stage').getAttribute('data-stage')).resolves.toBe('awaiting_idea_review');
    await expect(page.getByTestId('product-commune').textContent()).resolves.toBe('Xã A Mú Sung');
    const earlier = page.getByTestId('timeline-other');
    await earlier.locator('[data-type="CertificateIssued"]').waitFor();
    await expect(earlier.locator('[data-type="DistrictScored"]').count()).resolves.toBe(1);
    await expect(page.getByTestId('timeline').locator('[data-type="IdeaSubmitted"]').count()).resolves.toBe(1);
    await screenshot(page, `reevaluate-${size}-journey`);

    const detail = ok(await requestAs(producer, 'GET', `/products/${productId}`));
    expect(detail).toMatchObject({
      cycleYear: NEW_LAO_CAI_YEAR,
      province: NEW_LAO_CAI,
      commune: A_MU_SUNG,
      previousCertificateNo: certificateNo,
    });
    const timeline = ok(await requestAs(producer, 'GET', `/products/${productId}/timeline`));
    expect(timeline.otherCycles.map((c: { cycleYear: number }) => c.cycleYear)).toEqual([OLD_MAP_YEAR]);
    expect(errors).toEqual([]);
  }, 240_000);

  it('a coordinator places an organisation in a commune picked by name; another province’s commune is refused under the field', async () => {
    const organisation = ok(
      await requestAs('tinh.laocai', 'POST', '/organisations', {
        body: { name: `Tổ hợp tác Bát Xát ${randomUUID().slice(0, 6)}`, producerType: 'to-hop-tac', districtCode: 'bat-xat' },
      }),
      201,
    );
    expect(organisation.communeCode).toBeNull();
    const { page, errors } = await open();
    await logIn(page, 'tinh.laocai');
    await page.goto(webUrl('/organisations'));
    await page.getByRole('search').locator('input[type="search"]').fill(organisation.name);
    await page.getByRole('search').locator('button[type="submit"]').click();
    // The search's answer: the list holds that organisation alone (the unfiltered list may show it a moment before).
    await until(
      () => page.locator('[data-testid="organisation"]').allTextContents(),
      (texts) => texts.length === 1 && texts[0]!.includes(organisation.name),
      'the searched organisation',
      20_000,
    );
    const item = page.locator('[data-testid="organisation"]', { hasText: organisation.name });
    await item.getByTestId('place-commune').click();
    const form = item.getByTestId('place-commune-form');
    const input = form.locator('input[data-field="communeCode"]');

    // A commune of Sơn La, typed by its code: the API refuses it and the screen says so under the field.
    await input.fill(SON_LA_COMMUNE);
    await form.locator('button[type="submit"]').click();
    const problem = form.getByTestId('field-problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('phải là một xã, phường thuộc tỉnh của chủ thể');
    await expect(input.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(ok(await requestAs('tinh.laocai', 'GET', `/organisations/${organisation.id}`)).communeCode).toBeNull();
    await screenshot(page, `place-commune-${size}-refused`);

    // Picked by name among the new Lào Cai's communes.
    await expect(form.locator(`datalist option[value="Xã A Mú Sung (${A_MU_SUNG})"]`).count()).resolves.toBe(1);
    await expect(form.locator(`datalist option[value*="(${SON_LA_COMMUNE})"]`).count()).resolves.toBe(0);
    await input.fill('Xã A Mú Sung');
    await form.locator('button[type="submit"]').click();
    await form.getByTestId('place-commune-done').waitFor();
    await item.locator(`[data-testid="organisation-commune"][data-commune="${A_MU_SUNG}"]`).waitFor();
    await expect(item.getByTestId('organisation-commune').textContent()).resolves.toBe('Xã A Mú Sung');
    expect(ok(await requestAs('tinh.laocai', 'GET', `/organisations/${organisation.id}`)).communeCode).toBe(A_MU_SUNG);
    await screenshot(page, `place-commune-${size}-placed`);
    expect(errors).toEqual([REFUSED]);
  });

  it('the register filters a commune cycle by commune', async () => {
    const mine = await toDossier('htx.baonhai', BAO_NHAI_ORG, 'tinh.laocai15');
    const { page, errors } = await open();
    await logIn(page, 'tinh.laocai15');
    await page.goto(webUrl(`/register?cycleYear=${NEW_LAO_CAI_YEAR}`));
    const table = page.getByTestId('register-products');
    await table.locator('tbody tr').first().waitFor();
    await page.getByTestId('register-commune').selectOption(BAO_NHAI);
    await page.waitForURL((url) => url.searchParams.get('commune') === BAO_NHAI);
    // The API's answers for the commune and for the whole cycle: the page must show the first, nothing else of the second.
    const filtered = ok(await requestAs('tinh.laocai15', 'GET', `/products?cycleYear=${NEW_LAO_CAI_YEAR}&commune=${BAO_NHAI}&limit=200`));
    expect(filtered.items.every((p: { commune?: string }) => p.commune === BAO_NHAI)).toBe(true);
    const inCommune = new Set<string>(filtered.items.map((p: { id: string }) => p.id));
    expect(inCommune.has(mine.id)).toBe(true);
    const all = ok(await requestAs('tinh.laocai15', 'GET', `/products?cycleYear=${NEW_LAO_CAI_YEAR}&limit=200`));
    const elsewhere = all.items.filter((p: { commune?: string }) => p.commune && p.commune !== BAO_NHAI).map((p: { id: string }) => p.id);
    expect(elsewhere.length).toBeGreaterThanOrEqual(1); // the re-evaluated product of Xã A Mú Sung at least
    const ids = await until(
      () => table.locator('tbody tr[data-product-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-product-id')!)),
      (shown) => shown.includes(mine.id) && shown.every((id) => inCommune.has(id)),
      'the register filtered by commune',
      20_000,
    );
    for (const id of elsewhere) expect(ids).not.toContain(id);
    await screenshot(page, `register-commune-${size}`);
    expect(errors).toEqual([]);
  });

  it('the central office opens the new Lào Cai’s dashboard from the national view, with that province’s districts', async () => {
    const { page, errors } = await open();
    await logIn(page, 'trunguong');
    await page.goto(webUrl('/national'));
    await page.getByTestId('national-year').fill(String(NEW_LAO_CAI_YEAR));
    const link = page.locator(`[data-testid="national-province-dashboard"][href*="province=${NEW_LAO_CAI}&"]`);
    await link.click();
    await page.waitForURL((url) => url.pathname.endsWith('/dashboard') && url.searchParams.get('province') === NEW_LAO_CAI);
    const dashboard = page.locator(`[data-testid="dashboard"][data-province="${NEW_LAO_CAI}"][data-year="${NEW_LAO_CAI_YEAR}"]`);
    await dashboard.waitFor();
    await expect(page.getByTestId('filter-province').inputValue()).resolves.toBe(NEW_LAO_CAI);
    const row = page.locator(`[data-testid="by-commune"] tr[data-commune="${BAO_NHAI}"]`);
    await expect(row.locator('th').textContent()).resolves.toBe('Xã Bảo Nhai');
    // The district filter offers the new Lào Cai's (old Lào Cai's and Yên Bái's, by GSO code), not the 2021 plan's.
    const districts = await page
      .getByTestId('filter-district')
      .locator('option')
      .evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(districts).toEqual(expect.arrayContaining(['085', '082']));
    expect(districts).not.toContain('bac-ha');
    await page.getByTestId('filter-district').selectOption('085');
    await page.locator(`[data-testid="dashboard"][data-province="${NEW_LAO_CAI}"][data-district="085"]`).waitFor();
    // The district's bar and row are named, not the bare GSO code.
    await expect(page.getByTestId('district-table').locator('tbody td').first().textContent()).resolves.toBe('Huyện Bắc Hà');
    await screenshot(page, `central-dashboard-${size}`);
    // Its numbers open the register of that province.
    const total = page.locator('[data-testid="total-products"] [data-testid="register-link"]');
    const href = new URL((await total.getAttribute('href'))!, webUrl());
    expect(Object.fromEntries(href.searchParams)).toMatchObject({
      province: NEW_LAO_CAI,
      cycleYear: String(NEW_LAO_CAI_YEAR),
      district: '085',
    });
    // Another province from the same screen: Lào Cai of the 2021 plan, with its named districts.
    await page.getByTestId('filter-province').selectOption('lao-cai');
    await page.locator('[data-testid="dashboard"][data-province="lao-cai"]').waitFor();
    const laoCai = await page
      .getByTestId('filter-district')
      .locator('option')
      .evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(laoCai).toContain('bac-ha');
    expect(errors).toEqual([]);
  });
});
