import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openPage, screenshot, waitForTitle, webUrl, type WatchedPage } from '../../support/browser';
import { BAO_NHAI_ORG, NEW_LAO_CAI_YEAR, ensureNewLaoCaiCycle, ok, toDossier, until } from '../flows';
import { requestAs } from '../http';

// The commune officer's day, in Chromium at desktop and phone sizes: Xã Bảo Nhai's officer (new Lào Cai, a QĐ 1489
// cycle) logs in, lands on its queue of dossiers awaiting the commune check — its commune's only, no ideas to
// review — and checks one there; the product then waits for the province. Screens checked with axe; no console error.

describe.each([
  ['desktop', false],
  ['phone', true],
] as const)('web: a commune officer checks its commune’s dossier (%s)', (size, phone) => {
  let browser: Browser;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    await ensureNewLaoCaiCycle();
  });
  afterAll(async () => {
    for (const p of opened) await p.context.close();
    await browser?.close();
  });

  it('lands on its queue, sees its commune’s dossier and not another commune’s, and checks it', async () => {
    const mine = await toDossier('htx.baonhai', BAO_NHAI_ORG, 'tinh.laocai15');
    expect(mine.stage).toBe('awaiting_commune_check');

    const watched = await openPage(browser, { phone });
    opened.push(watched);
    const { page, errors } = watched;
    await logIn(page, 'xa.baonhai');
    expect(new URL(page.url()).pathname).toBe('/app/review');
    await waitForTitle(page, 'Việc chờ tôi — OCOP Flow');
    const queue = page.getByTestId('queue-awaiting_commune_check');
    const item = queue.locator(`[data-testid="queue-item"][data-product-id="${mine.id}"]`);
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('Xã Bảo Nhai');
    // No ideas to review: the province reviews them.
    await expect(page.getByTestId('queue-awaiting_idea_review').count()).resolves.toBe(0);
    // Every item is of its commune.
    const ids = await queue
      .locator('[data-testid="queue-item"]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-product-id')));
    for (const id of ids) expect(ok(await requestAs('tinh.laocai15', 'GET', `/products/${id}`)).commune).toBe('02890');
    await screenshot(page, `commune-officer-${size}-queue`);

    await item.getByTestId('open-decision').click();
    const form = item.getByTestId('dossier-check-form');
    await form.waitFor();
    await screenshot(page, `commune-officer-${size}-check`);
    await form.locator('button[type="submit"]').click();
    await item.waitFor({ state: 'detached' });
    const after = await until(
      async () => ok(await requestAs('xa.baonhai', 'GET', `/products/${mine.id}`)),
      (p) => p.stage !== 'awaiting_commune_check',
      'the commune check',
    );
    expect(after.stage).toBe('awaiting_province_session');
    const timeline = ok(await requestAs('xa.baonhai', 'GET', `/products/${mine.id}/timeline`));
    expect(timeline.events.find((e: { type: string }) => e.type === 'CommuneChecked')?.actor.role).toBe('commune_officer');

    // The product's page shows its commune.
    await page.goto(webUrl(`/products/${mine.id}`));
    await expect(page.getByTestId('product-commune').textContent()).resolves.toBe('Xã Bảo Nhai');
    await screenshot(page, `commune-officer-${size}-product`);
    expect(errors).toEqual([]);
  });

  it('the new Lào Cai’s coordinator sees its commune cycle grouped by commune on the dashboard', async () => {
    const watched = await openPage(browser, { phone });
    opened.push(watched);
    const { page, errors } = watched;
    await logIn(page, 'tinh.laocai15');
    await page.goto(webUrl(`/dashboard?year=${NEW_LAO_CAI_YEAR}`));
    const row = page.locator('[data-testid="by-commune"] tr[data-commune="02890"]');
    await row.waitFor();
    await expect(row.locator('th').textContent()).resolves.toBe('Xã Bảo Nhai');
    const progress = ok(await requestAs('tinh.laocai15', 'GET', `/cycles/15/${NEW_LAO_CAI_YEAR}/progress`));
    const baoNhai = progress.byArea.find((a: { code: string }) => a.code === '02890');
    expect(Number(await row.locator('td').first().textContent())).toBeGreaterThanOrEqual(1);
    expect(Number(await row.locator('td').first().textContent())).toBeLessThanOrEqual(baoNhai.products);
    await screenshot(page, `commune-dashboard-${size}`);
    expect(errors).toEqual([]);
  });
});
