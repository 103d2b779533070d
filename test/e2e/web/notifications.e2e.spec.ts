import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { launchBrowser, logIn, openPage, screenshot } from '../../support/browser';
import { openTestDatabase } from '../../support/database';
import { acceptIdea, createSession, CYCLE_YEAR, ensureTestCycle, ok, producerIn, submitIdea, until } from '../flows';
import { requestAs } from '../http';

// Issue 12, point 10: every inbox message says what it is (kind), what it concerns (product, session, lab request,
// certificate) and where it lives in the web app (link); a click on it in the bell's panel opens that item.
const PRODUCER = 'htx.thongbao'; // this suite's own producer (Sa Pa), so its inbox holds only what this suite causes
const LAB = 'lab.laocai';

describe('web: a notification opens its item (Chromium)', () => {
  let browser: Browser;
  let db: DataSource;
  let organisationId: string;

  beforeAll(async () => {
    await ensureTestCycle();
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
    organisationId = await producerIn('tx-sa-pa', PRODUCER, 'HTX Thông báo Sa Pa');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await db?.destroy();
  });

  /** The message of `username`'s inbox that matches, once it has arrived. */
  const messageOf = (username: string, matches: (m: any) => boolean, what: string) =>
    until(
      async () => ok(await requestAs(username, 'GET', '/notifications?limit=200')) as any[],
      (messages) => messages.some(matches),
      what,
    ).then((messages) => messages.find(matches));

  /** Opens the bell's panel and clicks the message whose link is `link`; waits for the item's page. */
  async function clickNotification(page: Page, link: string, screen: string): Promise<void> {
    await page.getByTestId('notifications-bell').click();
    const panel = page.getByTestId('notifications-panel');
    const item = panel.locator(`[data-testid="notification"]:has(a[href="${link}"])`).first();
    await item.waitFor();
    await screenshot(page, screen);
    await item.getByTestId('notification-subject').click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === link);
  }

  /** A delivered message, as the dispatcher leaves it: the outbox row (template, data) and the inbox row. */
  async function deliver(messageId: string, recipient: string, template: string, data: Record<string, unknown>, subject: string) {
    await db.query(
      `INSERT INTO notification_outbox (idempotency_key, channel, recipient, template, data, subject_vi, subject_en, body_vi, body_en, status, sent_at)
       VALUES ($1, 'inbox', $2, $3, $4, $5, $5, $5, $5, 'sent', now())`,
      [messageId, recipient, template, JSON.stringify(data), subject],
    );
    await db.query(
      `INSERT INTO inbox_messages (message_id, recipient, subject_vi, subject_en, body_vi, body_en) VALUES ($1, $2, $3, $3, $3, $3)`,
      [messageId, recipient, subject],
    );
  }

  it('a producer’s idea review opens the product; the message names kind, product and link', async () => {
    const product = await submitIdea({ producer: PRODUCER, organisationId, name: `Mận hậu Sa Pa ${randomUUID().slice(0, 6)}` });
    await acceptIdea(product.id);
    const message = await messageOf(PRODUCER, (m) => m.about?.id === product.id && m.kind === 'result', 'the idea-reviewed notice');
    expect(message).toMatchObject({
      kind: 'result',
      about: { type: 'product', id: product.id, cycleYear: CYCLE_YEAR },
      link: `/app/products/${product.id}`,
      readAt: null,
    });

    const { page, context, errors } = await openPage(browser);
    await logIn(page, PRODUCER);
    await clickNotification(page, message.link, 'notifications-producer');
    await expect(page.getByTestId('product-page').getAttribute('data-product-id')).resolves.toBe(product.id);
    await expect(page.getByTestId('product-name').textContent()).resolves.toBe(product.name);
    // Opening it read it.
    await until(
      async () => ok(await requestAs(PRODUCER, 'GET', '/notifications?limit=200')) as any[],
      (messages) => messages.find((m) => m.messageId === message.messageId)?.readAt !== null,
      'the message read',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a council member’s session notice opens the session', async () => {
    const sessionId = await createSession('tinh.laocai', 'province', 'lao-cai');
    const message = await messageOf('hoidong.2', (m) => m.about?.type === 'session' && m.about.id === sessionId, 'the session notice');
    expect(message).toMatchObject({ kind: 'schedule', link: `/app/sessions/${sessionId}` });

    const { page, context, errors } = await openPage(browser, { phone: false });
    await logIn(page, 'hoidong.2');
    await clickNotification(page, message.link, 'notifications-council-member');
    await page.getByTestId('my-progress').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a lab’s request opens its queue at the product’s requests; a certificate notice opens the certificate', async () => {
    // Delivered as the journey and the certificate lifecycle deliver them (the outbox row and the inbox row).
    const product = await submitIdea({ producer: PRODUCER, organisationId, name: `Rượu táo mèo ${randomUUID().slice(0, 6)}` });
    const workflowId = `product:${product.id}:${CYCLE_YEAR}`;
    const requestId = `${workflowId}:lab:1`;
    await deliver(
      `${workflowId}:lab-test-requested:1`,
      'agency:lab:lao-cai',
      'lab-test-requested',
      { productName: product.name, productGroup: 'thuc-pham', dueDate: new Date().toISOString(), requestId },
      `Yêu cầu kiểm nghiệm ${product.name}`,
    );
    const request = await messageOf(LAB, (m) => m.about?.id === requestId, 'the lab request notice');
    expect(request).toMatchObject({
      kind: 'request',
      about: { type: 'lab_request', id: requestId },
      link: `/app/lab?product=${product.id}`,
    });

    const lab = await openPage(browser, { phone: false });
    await logIn(lab.page, LAB);
    await clickNotification(lab.page, request.link, 'notifications-lab');
    await lab.page.getByTestId('lab-product-filter').waitFor();
    expect(lab.errors).toEqual([]);
    await lab.context.close();

    const certificateNo = `LC-2019-9${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`; // well-formed, not issued
    await deliver(
      `certificate:${certificateNo}:revoked`,
      `org:${organisationId}`,
      'certificate-revoked',
      { certificateNo, reason: 'inspection-failed-again' },
      `Thu hồi Giấy chứng nhận OCOP số ${certificateNo}`,
    );
    const revoked = await messageOf(PRODUCER, (m) => m.about?.id === certificateNo, 'the certificate notice');
    expect(revoked).toMatchObject({
      kind: 'certificate',
      about: { type: 'certificate', id: certificateNo },
      link: `/app/verify/${certificateNo}`,
    });
    const producer = await openPage(browser);
    await logIn(producer.page, PRODUCER);
    await clickNotification(producer.page, revoked.link, 'notifications-certificate');
    await producer.page.locator('[data-testid="verify-result"], [data-testid="verify-not-found"]').first().waitFor();
    await producer.context.close();
  });
});
