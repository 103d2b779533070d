import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { formatDate } from '@ocop/domain';
import { createProjections, EventRecorder, EventStore } from '@ocop/persistence';
import { launchBrowser, logIn, openPage, screenshot, webUrl } from '../../support/browser';
import { openTestDatabase } from '../../support/database';
import { until } from '../flows';
import { TestJourney, TestStream } from '../../support/event-streams';

// The central office's national view in Chromium, at desktop and phone sizes: two provinces' numbers side by side,
// a Sơn La nominee awaiting the central council, a Lào Cai certificate expiring within 90 days (dd/mm/yyyy), the
// province's link into the national register filtered to it; axe-clean, no console errors. The fixtures are recorded
// as events (the read models then hold them) in a year of their own.
// A year no other suite opens a cycle for (cycles-and-certificates asserts which cycles it finds next year and after).
const YEAR = 2033;
const SON_LA = '14';
const NO_ACCESS = 'Bạn không có quyền xem trang này';
const t = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const nominee = { id: randomUUID(), name: `Chè Shan tuyết Mộc Châu ${randomUUID().slice(0, 4)}` };
const expiring = {
  id: randomUUID(),
  name: `Mật ong bạc hà ${randomUUID().slice(0, 4)}`,
  certificateNo: `LC-${YEAR}-${String(1000 + Math.floor(Math.random() * 8999))}`,
  expiresAt: t(30),
};

async function seed(db: DataSource): Promise<void> {
  const recorder = new EventRecorder(db, new EventStore(), createProjections());
  const idea = (id: string, name: string, organisationId: string, districtCode: string, provinceCode: string, productGroup: string) => ({
    productId: id,
    organisationId,
    name,
    productGroup,
    districtCode,
    provinceCode,
    cycleYear: YEAR,
    ruleSet: 'QD1048-2019',
    workflowId: `product:${id}:${YEAR}`,
    stage: 'awaiting_idea_review',
  });
  const sonLa = new TestJourney(recorder, `product:${nominee.id}:${YEAR}`);
  await sonLa.record(
    'IdeaSubmitted',
    idea(nominee.id, nominee.name, '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1006', '123', SON_LA, 'do-uong'),
    'producer:web',
    t(-60),
  );
  await sonLa.step(
    'CertificateIssued',
    'awaiting_central_session',
    undefined,
    {
      certificateNo: `SL14-${YEAR}-${String(1000 + Math.floor(Math.random() * 8999))}`,
      stars: 4,
      level: 'province',
      issuedAt: t(-5),
      expiresAt: t(3 * 365),
    },
    'system:certification',
    t(-5),
  );
  const laoCai = new TestJourney(recorder, `product:${expiring.id}:${YEAR}`);
  await laoCai.record(
    'IdeaSubmitted',
    idea(expiring.id, expiring.name, '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1004', 'muong-khuong', 'lao-cai', 'thuc-pham'),
    'producer:web',
    t(-60),
  );
  await laoCai.step(
    'CertificateIssued',
    'certified',
    undefined,
    {
      certificateNo: expiring.certificateNo,
      stars: 3,
      level: 'province',
      issuedAt: t(-1000),
      expiresAt: expiring.expiresAt,
    },
    'system:certification',
    t(-10),
  );
  for (const province of ['lao-cai', SON_LA]) {
    await new TestStream(recorder, `cycle:${province}:${YEAR}`)
      .record(
        'CycleOpened',
        {
          provinceCode: province,
          year: YEAR,
          ruleSet: 'QD1048-2019',
          calendar: {},
          targets: { newCertifiedProducts: province === SON_LA ? 8 : 30 },
        },
        'system:cycle',
        t(-90),
      )
      .catch((error: unknown) => {
        // Another run of this suite on the same database opened it already.
        if (!String(error).includes('duplicate') && !String(error).includes('conflict')) throw error;
      });
  }
}

describe('web: the national view (Chromium)', () => {
  let browser: Browser;
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
    await seed(db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await db?.destroy();
  });

  it.each([
    ['desktop', false],
    ['phone', true],
  ] as const)(
    '%s: every province’s numbers, the nominees and the expiring certificates',
    async (size, phone) => {
      const { page, context, errors } = await openPage(browser, { phone });
      await logIn(page, 'trunguong');
      await page.waitForURL((url) => url.pathname.endsWith('/national'));
      await page.getByTestId('national-year').fill(String(YEAR));
      const provinces = page.getByTestId('national-provinces');
      await provinces.getByRole('link', { name: 'Tỉnh Sơn La' }).waitFor();
      await provinces.getByRole('link', { name: 'Tỉnh Lào Cai' }).waitFor();
      const sonLaRow = page.getByTestId('national-province').filter({ hasText: 'Tỉnh Sơn La' });
      // The screen first shows this year's numbers (other suites' Sơn La products among them): wait for the year asked.
      const expected = ['1', '0', '1', '0', '8', '13\u00a0%', '1'];
      const cells = await until(
        () => sonLaRow.locator('td').allTextContents(),
        (texts) => JSON.stringify(texts) === JSON.stringify(expected),
        `Sơn La's ${YEAR} row`,
        20_000,
      ).catch(() => sonLaRow.locator('td').allTextContents());
      expect(cells).toEqual(expected);
      await page.getByTestId('national-nominees').getByRole('link', { name: nominee.name }).waitFor();
      const expiringRow = page.getByTestId('national-expiring').locator('tr').filter({ hasText: expiring.certificateNo });
      expect(await expiringRow.textContent()).toContain(formatDate(expiring.expiresAt));
      expect(formatDate(expiring.expiresAt)).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      await screenshot(page, `national-${size}`);

      // The province's link opens the national register filtered to it.
      await provinces.getByRole('link', { name: 'Tỉnh Sơn La' }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/register') && url.searchParams.get('province') === SON_LA);
      await page.getByTestId('register-row').filter({ hasText: nominee.name }).waitFor();
      expect(await page.getByTestId('register-row').filter({ hasText: expiring.name }).count()).toBe(0);
      expect(await page.getByTestId('register-province').inputValue()).toBe(SON_LA);
      await screenshot(page, `national-register-${size}`);
      expect(errors).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it('in English, and refused to a provincial coordinator', async () => {
    const { page, context, errors } = await openPage(browser, { phone: false, lang: 'en' });
    await logIn(page, 'trunguong');
    await page.getByRole('heading', { name: 'National view' }).waitFor();
    await page.getByTestId('national-year').fill(String(YEAR));
    await page.getByTestId('national-provinces').getByRole('link', { name: 'Son La province' }).waitFor();
    await screenshot(page, 'national-en');
    // Its sessions screen sets up the national central session only.
    await page.getByRole('navigation').getByRole('link', { name: 'Council sessions' }).click();
    await page.getByTestId('new-session').click();
    const level = page.getByTestId('new-session-form').locator('select[name="level"]');
    expect(await level.locator('option').allTextContents()).toEqual(['Central (nationwide)']);
    await screenshot(page, 'national-new-central-session');
    expect(errors).toEqual([]);
    await context.close();

    const coordinator = await openPage(browser, { phone: false });
    await logIn(coordinator.page, 'tinh.laocai');
    await coordinator.page.goto(webUrl('/national'));
    // The screen says it is not theirs, and the menu has no national view.
    await coordinator.page.getByRole('heading', { name: NO_ACCESS }).waitFor();
    expect(await coordinator.page.getByRole('navigation').getByRole('link', { name: 'Toàn quốc' }).count()).toBe(0);
    await coordinator.context.close();
  }, 120_000);
});
