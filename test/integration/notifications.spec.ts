// The notification outbox and its dispatcher on the real PostgreSQL, delivering to a real SMTP server (npm
// smtp-server, in-process) and a real HTTP receiver (node:http) that checks the HMAC signature. The database is
// shared with other test files running in parallel: every key and recipient here is unique to this run, and every
// assertion looks at our own rows only.
import { Logger } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo, createServer as createTcpServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { NotificationDispatcher, NotificationOutbox, NotificationsModule, OutboxNotification } from '@ocop/notifications';
import { notificationDeliveryFailures, registerDatabaseGauges } from '@ocop/observability';
import { Registry } from 'prom-client';
import { dataSourceOptions } from '@ocop/persistence';
import { openTestDatabase } from '../support/database';
// The one inbox: the API's repository reads and marks what the dispatcher delivers.
import { NotificationsRepository } from '../../apps/api/src/notifications/notifications.repository';
// Not from '@ocop/config': its index also declares the app's ConfigModule, which validates process.env on import.
import { validateEnvironment } from '../../libs/config/src/environment';

const SECRET = 'integration-test-webhook-secret';

// ---------------------------------------------------------------------------------------------------------------
// A real SMTP server that keeps what it receives

interface ReceivedMail {
  readonly rcptTo: string[];
  readonly headers: Record<string, string>;
  readonly subject: string;
  readonly text: string;
}

interface SmtpSink {
  readonly url: string;
  readonly messages: ReceivedMail[];
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

async function startSmtpServer(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({ rcptTo: session.envelope.rcptTo.map((a) => a.address), ...parseMail(Buffer.concat(chunks).toString('latin1')) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.rcptTo.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Just enough RFC 5322/2047/2045 to read what nodemailer sends: a single text/plain part. */
function parseMail(raw: string): { headers: Record<string, string>; subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body, 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body.replace(/=\r\n/g, ''))
        : Buffer.from(body, 'latin1');
  return { headers, subject: decodeEncodedWords(headers.subject ?? ''), text: bytes.toString('utf8').replace(/\r\n/g, '\n') };
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

function decodeEncodedWords(value: string): string {
  // Adjacent encoded words are joined without the whitespace between them; their bytes are decoded together.
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  let out = '';
  let pending: Buffer[] = [];
  const flush = () => {
    out += Buffer.concat(pending).toString('utf8');
    pending = [];
  };
  let last = 0;
  for (const match of joined.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)) {
    if (match.index! > last) {
      flush();
      out += joined.slice(last, match.index);
    }
    const [, , kind, text] = match as unknown as [string, string, string, string];
    pending.push(kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text.replace(/_/g, ' ')));
    last = match.index! + match[0].length;
  }
  flush();
  return out + joined.slice(last);
}

// ---------------------------------------------------------------------------------------------------------------
// A real HTTP receiver that checks signatures and can be told to fail, stall or hang

interface WebhookRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: Buffer;
  readonly json: Record<string, unknown>;
  readonly signatureValid: boolean;
  readonly status: number;
}

interface Receiver {
  url(path: string): string;
  requests(path: string): WebhookRequest[];
  /** Answer the next `n` requests to `path` with 500. */
  failNext(path: string, n: number): void;
  /** Answer requests to `path` only after `ms`. */
  delay(path: string, ms: number): void;
  /** Never answer requests to `path`. */
  hang(path: string): void;
  close(): Promise<void>;
}

function expectedSignature(raw: Buffer | string): string {
  return `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
}

function signatureMatches(raw: Buffer | string, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(expectedSignature(raw));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function startReceiver(): Promise<Receiver> {
  const log: WebhookRequest[] = [];
  const failures = new Map<string, number>();
  const delays = new Map<string, number>();
  const hanging = new Set<string>();
  const stalled: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const raw = Buffer.concat(chunks);
      const signatureValid = signatureMatches(raw, req.headers['x-ocop-signature']);
      const failLeft = failures.get(path) ?? 0;
      let status = 200;
      if (!signatureValid) status = 401;
      else if (failLeft > 0) {
        failures.set(path, failLeft - 1);
        status = 500;
      }
      log.push({
        path,
        headers: req.headers,
        raw,
        json: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
        signatureValid,
        status,
      });
      if (hanging.has(path)) {
        stalled.push(res);
        return;
      }
      setTimeout(
        () =>
          res
            .writeHead(status, { 'Content-Type': 'text/plain' })
            .end(status === 200 ? 'ok' : status === 401 ? 'bad signature' : 'try later'),
        delays.get(path) ?? 0,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests: (path) => log.filter((r) => r.path === path),
    failNext: (path, n) => failures.set(path, n),
    delay: (path, ms) => delays.set(path, ms),
    hang: (path) => hanging.add(path),
    close: async () => {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

// ---------------------------------------------------------------------------------------------------------------

interface OutboxRowState {
  idempotency_key: string;
  channel: string;
  recipient: string;
  template: string;
  data: Record<string, unknown>;
  subject_vi: string;
  subject_en: string;
  body_vi: string;
  body_en: string;
  event_id: string | null;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** The worker's `ocop_notification_delivery_failures_total{channel,outcome}` as /metrics would serve it now. */
async function failures(channel: string, outcome: 'retried' | 'dead'): Promise<number> {
  const { values } = await notificationDeliveryFailures.get();
  return values.find((v) => v.labels.channel === channel && v.labels.outcome === outcome)?.value ?? 0;
}

describe('notification outbox and dispatcher', () => {
  let db: DataSource;
  let smtp: SmtpSink;
  let receiver: Receiver;
  let dispatcher: NotificationDispatcher;
  const outbox = new NotificationOutbox();
  let inbox: NotificationsRepository;
  const run = randomUUID().slice(0, 8);
  let serial = 0;

  /** A key in the callers' `<workflowId>:<purpose>:<dueDate>` style, unique to this run. */
  const key = (purpose: string) => `product:${randomUUID()}:2021:${purpose}-${run}-${(serial += 1)}:2021-06-30`;
  const hookPath = (name: string) => `/hooks/${run}/${name}/${(serial += 1)}`;
  const mailbox = (name: string) => `${name}.${run}.${(serial += 1)}@htx-bac-ha.example.vn`;
  const user = (name: string) => `user:${name}-${run}-${(serial += 1)}`;

  const reminder = (overrides: Partial<OutboxNotification> & Pick<OutboxNotification, 'channel' | 'recipient'>): OutboxNotification => ({
    idempotencyKey: key('deadline-reminder'),
    template: 'deadline-reminder',
    data: { productName: 'Rượu mận Bắc Hà', step: 'business-plan', dueDate: '2021-06-30', daysBefore: 7 },
    eventId: `evt-${randomUUID()}`,
    ...overrides,
  });

  const enqueue = (n: OutboxNotification) => db.transaction((m) => outbox.enqueue(m, n));
  const row = async (idempotencyKey: string): Promise<OutboxRowState> => {
    const [found]: OutboxRowState[] = await db.query(`SELECT * FROM notification_outbox WHERE idempotency_key = $1`, [idempotencyKey]);
    if (!found) throw new Error(`no outbox row ${idempotencyKey}`);
    return found;
  };
  const rows = (keys: readonly string[]): Promise<OutboxRowState[]> =>
    db.query(
      `SELECT * FROM notification_outbox WHERE idempotency_key = ANY($1::text[]) ORDER BY array_position($1::text[], idempotency_key)`,
      [keys],
    );
  const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

  beforeAll(async () => {
    Logger.overrideLogger(false); // failed deliveries are expected here; keep the output quiet
    db = await openTestDatabase();
    smtp = await startSmtpServer();
    receiver = await startReceiver();
    dispatcher = new NotificationDispatcher(db, { smtpUrl: smtp.url, webhookSecret: SECRET });
    inbox = new NotificationsRepository(db);
  });
  afterAll(async () => {
    await dispatcher?.onApplicationShutdown();
    await receiver?.close();
    await smtp?.close();
    await db?.destroy();
  });

  describe('enqueue', () => {
    it('stores one self-contained row, rendered in both languages, however often the same key is enqueued', async () => {
      const notBefore = new Date('2021-06-23T01:00:00.000Z');
      const n = reminder({ channel: 'email', recipient: mailbox('chu-the'), notBefore });
      expect(await enqueue(n)).toBe(true);
      expect(await enqueue(n)).toBe(false);
      expect(await enqueue({ ...n, data: { ...n.data, productName: 'Something else' } })).toBe(false);

      expect(await db.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE idempotency_key = $1`, [n.idempotencyKey])).toEqual([
        { n: 1 },
      ]);
      expect(await row(n.idempotencyKey)).toMatchObject({
        channel: 'email',
        recipient: n.recipient,
        template: 'deadline-reminder',
        data: n.data,
        event_id: n.eventId,
        status: 'pending',
        attempts: 0,
        next_attempt_at: notBefore,
        last_error: null,
        sent_at: null,
        subject_vi: 'Nhắc hạn: nộp phương án sản xuất kinh doanh – sản phẩm "Rượu mận Bắc Hà" (hạn 30/06/2021)',
        subject_en: 'Reminder: business plan submission for "Rượu mận Bắc Hà" is due on 2021-06-30',
      });
    });

    it("writes inside the caller's transaction: rolled back with it", async () => {
      const n = reminder({ channel: 'inbox', recipient: user('producer') });
      await expect(
        db.transaction(async (m) => {
          expect(await outbox.enqueue(m, n)).toBe(true);
          throw new Error('the event append failed');
        }),
      ).rejects.toThrow('the event append failed');
      expect(await db.query(`SELECT 1 FROM notification_outbox WHERE idempotency_key = $1`, [n.idempotencyKey])).toEqual([]);
    });

    it('refuses data a template lacks, and stores nothing', async () => {
      const n = reminder({
        channel: 'inbox',
        recipient: user('producer'),
        data: { productName: 'Rượu mận Bắc Hà', step: 'business-plan', daysBefore: 7 },
      });
      await expect(enqueue(n)).rejects.toThrow('notification template "deadline-reminder": data field "dueDate" is missing');
      await expect(enqueue({ ...reminder({ channel: 'webhook', recipient: 'not a url' }) })).rejects.toThrow(/http\(s\) URL/);
      expect(await db.query(`SELECT 1 FROM notification_outbox WHERE idempotency_key = $1`, [n.idempotencyKey])).toEqual([]);
    });
  });

  describe('delivery', () => {
    it('e-mails over SMTP: subject "<vi> / <en>", the Vietnamese body then the English', async () => {
      const to = mailbox('hoi-dong');
      const n = reminder({ channel: 'email', recipient: to });
      await enqueue(n);
      const result = await dispatcher.dispatchDue(new Date(), 500);
      expect(result.sent).toBeGreaterThanOrEqual(1);

      const stored = await row(n.idempotencyKey);
      expect(stored).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
      expect(stored.sent_at).toBeInstanceOf(Date);
      const [mail, ...more] = smtp.to(to);
      expect(more).toEqual([]);
      expect(mail!.subject).toBe(`${stored.subject_vi} / ${stored.subject_en}`);
      expect(mail!.headers.from).toContain('no-reply@ocop.local');
      expect(mail!.headers['x-ocop-delivery']).toBe(n.idempotencyKey);
      const vi = mail!.text.indexOf(stored.body_vi);
      const en = mail!.text.indexOf(stored.body_en);
      expect(vi).toBeGreaterThanOrEqual(0);
      expect(en).toBeGreaterThan(vi);
    });

    it('posts signed webhooks: the signature is the HMAC of the exact body, and a tampered body would not verify', async () => {
      const path = hookPath('lab');
      const n: OutboxNotification = {
        idempotencyKey: key('lab-test-requested'),
        channel: 'webhook',
        recipient: receiver.url(path),
        template: 'lab-test-requested',
        data: { productName: 'Rượu mận Bắc Hà', productGroup: 'do-uong', dueDate: '2021-08-15', requestId: `LAB-${run}` },
      };
      await enqueue(n);
      await dispatcher.dispatchDue(new Date(), 500);

      const stored = await row(n.idempotencyKey);
      expect(stored).toMatchObject({ status: 'sent', attempts: 1 });
      const [request, ...more] = receiver.requests(path);
      expect(more).toEqual([]);
      expect(request!.status).toBe(200);
      expect(request!.headers['content-type']).toBe('application/json');
      expect(request!.headers['x-ocop-delivery']).toBe(n.idempotencyKey);
      expect(request!.headers['x-ocop-signature']).toBe(expectedSignature(request!.raw));
      expect(request!.signatureValid).toBe(true);
      expect(request!.json).toEqual({
        deliveryId: n.idempotencyKey,
        template: 'lab-test-requested',
        data: n.data,
        subject: { vi: stored.subject_vi, en: stored.subject_en },
        body: { vi: stored.body_vi, en: stored.body_en },
        createdAt: stored.created_at.toISOString(),
      });

      const tampered = request!.raw.toString('utf8').replace(`LAB-${run}`, `LAB-${run}x`);
      expect(tampered).not.toBe(request!.raw.toString('utf8'));
      expect(signatureMatches(tampered, request!.headers['x-ocop-signature'])).toBe(false);
      const otherSecret = `sha256=${createHmac('sha256', 'some-other-secret-value').update(request!.raw).digest('hex')}`;
      expect(otherSecret).not.toBe(request!.headers['x-ocop-signature']);
    });

    it('delivers to the in-app inbox, where the recipient can read it and mark it read', async () => {
      const producer = user('producer');
      const n = reminder({ channel: 'inbox', recipient: producer });
      await enqueue(n);
      await dispatcher.dispatchDue(new Date(), 500);
      await dispatcher.dispatchDue(new Date(), 500);

      const stored = await row(n.idempotencyKey);
      expect(stored).toMatchObject({ status: 'sent', attempts: 1 });
      const [message, ...more] = await inbox.list([producer], false, 100);
      expect(more).toEqual([]);
      expect(message).toMatchObject({
        message_id: n.idempotencyKey,
        recipient: producer,
        subject_vi: stored.subject_vi,
        subject_en: stored.subject_en,
        body_vi: stored.body_vi,
        body_en: stored.body_en,
        read_at: null,
      });
      expect(await inbox.unread([producer])).toBe(1);

      // Only the recipient marks it, and only the first time counts.
      const markRead = (recipients: string[], messageId: string, at = new Date()) =>
        db.transaction((m) => inbox.markReadIfUnread(m, messageId, recipients, at));
      expect(await markRead([user('someone-else')], n.idempotencyKey)).toBeUndefined();
      expect(await markRead([producer], 'no-such-message')).toBeUndefined();
      expect(await inbox.list([producer], true, 100)).toHaveLength(1);

      const firstRead = new Date('2021-06-23T02:00:00.000Z');
      expect(await markRead([producer], n.idempotencyKey, firstRead)).toMatchObject({ message_id: n.idempotencyKey, read_at: firstRead });
      const [read] = await inbox.list([producer], false, 100);
      expect(read!.read_at).toEqual(firstRead);
      expect(await inbox.list([producer], true, 100)).toEqual([]);
      expect(await inbox.unread([producer])).toBe(0);
      expect(await markRead([producer], n.idempotencyKey, new Date('2021-06-24T02:00:00.000Z'))).toBeUndefined();
      expect((await inbox.find(n.idempotencyKey, [producer]))!.read_at).toEqual(firstRead);
    });
  });

  describe('retries', () => {
    it('retries a failing webhook with exponential back-off (10 s, 20 s, 40 s …) until it answers 2xx', async () => {
      const path = hookPath('flaky');
      receiver.failNext(path, 3);
      const t0 = new Date(Date.now() - 1000);
      const n = reminder({ channel: 'webhook', recipient: receiver.url(path), notBefore: t0 });
      await enqueue(n);

      await dispatcher.dispatchDue(t0, 500);
      expect(await row(n.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: at(t0, 10_000), sent_at: null });
      expect((await row(n.idempotencyKey)).last_error).toMatch(/HTTP 500/);

      await dispatcher.dispatchDue(at(t0, 9_999), 500); // not due yet
      expect(await row(n.idempotencyKey)).toMatchObject({ attempts: 1, next_attempt_at: at(t0, 10_000) });

      await dispatcher.dispatchDue(at(t0, 10_000), 500);
      expect(await row(n.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: at(t0, 30_000) });

      await dispatcher.dispatchDue(at(t0, 30_000), 500);
      expect(await row(n.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 3, next_attempt_at: at(t0, 70_000) });

      await dispatcher.dispatchDue(at(t0, 70_000), 500);
      expect(await row(n.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 4, last_error: null, sent_at: at(t0, 70_000) });

      const requests = receiver.requests(path);
      expect(requests.map((r) => r.status)).toEqual([500, 500, 500, 200]);
      expect(requests.every((r) => r.signatureValid)).toBe(true);
      expect(new Set(requests.map((r) => r.raw.toString('utf8'))).size).toBe(1); // the same signed body every time
    });

    it('gives up after maxAttempts: the row is dead, with the last error', async () => {
      const deadEarly = new NotificationDispatcher(db, {
        webhookSecret: SECRET,
        retry: { baseDelayMs: 1_000, maxDelayMs: 1_500, maxAttempts: 3 },
      });
      const path = hookPath('down');
      receiver.failNext(path, Number.POSITIVE_INFINITY);
      const t0 = new Date(Date.now() - 1000);
      const n = reminder({ channel: 'webhook', recipient: receiver.url(path), notBefore: t0 });
      await enqueue(n);
      const failuresBefore = { retried: await failures('webhook', 'retried'), dead: await failures('webhook', 'dead') };
      // The dispatcher takes every due row of the shared database (other suites' webhooks too): the counters must
      // move by what it reports having done, which includes this row's two retries and its death.
      const done = { retried: 0, dead: 0 };
      const dispatch = async (now: Date) => {
        const result = await deadEarly.dispatchDue(now, 500);
        done.retried += result.retried;
        done.dead += result.dead;
        return result;
      };

      await dispatch(t0);
      expect(await row(n.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: at(t0, 1_000) });
      // The outbox gauges, read from PostgreSQL when scraped, count the row: pending, its last attempt failed.
      const registry = new Registry();
      registerDatabaseGauges(db, registry);
      const scraped = await registry.metrics();
      expect(scraped).toMatch(/^ocop_outbox_failing\{channel="webhook"\} [1-9]/m);
      expect(scraped).toMatch(/^ocop_outbox_depth\{channel="webhook",status="pending"\} [1-9]/m);
      await dispatch(at(t0, 1_000));
      expect(await row(n.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: at(t0, 2_500) }); // 2 s capped at 1.5 s
      const result = await dispatch(at(t0, 2_500));
      expect(result.dead).toBeGreaterThanOrEqual(1);
      const dead = await row(n.idempotencyKey);
      expect(dead).toMatchObject({ status: 'dead', attempts: 3, sent_at: null });
      expect(dead.last_error).toMatch(/HTTP 500: try later/);

      await dispatch(at(t0, 24 * 3_600_000));
      expect(await row(n.idempotencyKey)).toMatchObject({ status: 'dead', attempts: 3 });
      expect(receiver.requests(path)).toHaveLength(3);
      // What /metrics serves: two failures retried, then one given up, on the webhook channel.
      expect(done.retried).toBeGreaterThanOrEqual(2);
      expect(await failures('webhook', 'retried')).toBe(failuresBefore.retried + done.retried);
      expect(await failures('webhook', 'dead')).toBe(failuresBefore.dead + done.dead);
    });

    it('retries after a network error and after a timeout', async () => {
      const impatient = new NotificationDispatcher(db, { webhookSecret: SECRET, webhookTimeoutMs: 300, retry: { maxAttempts: 2 } });
      const stalled = hookPath('stalled');
      receiver.hang(stalled);
      const t0 = new Date(Date.now() - 1000);
      const refused = reminder({ channel: 'webhook', recipient: `http://127.0.0.1:${await closedPort()}/hook`, notBefore: t0 });
      const timedOut = reminder({ channel: 'webhook', recipient: receiver.url(stalled), notBefore: t0 });
      await enqueue(refused);
      await enqueue(timedOut);

      await impatient.dispatchDue(t0, 500);
      for (const n of [refused, timedOut])
        expect(await row(n.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: at(t0, 10_000) });
      expect((await row(refused.idempotencyKey)).last_error).toMatch(/webhook POST failed: fetch failed \(connect ECONNREFUSED/);
      expect((await row(timedOut.idempotencyKey)).last_error).toMatch(/webhook POST failed: .*(timeout|aborted)/i);
      expect(receiver.requests(stalled)).toHaveLength(1);

      await impatient.dispatchDue(at(t0, 10_000), 500);
      for (const n of [refused, timedOut]) expect(await row(n.idempotencyKey)).toMatchObject({ status: 'dead', attempts: 2 });
    });

    it('leaves e-mail pending while SMTP_URL is not set (warning once), and delivers it once it is', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      try {
        const noSmtp = new NotificationDispatcher(db, { webhookSecret: SECRET });
        const to = mailbox('no-smtp');
        const email = reminder({ channel: 'email', recipient: to });
        const message = reminder({ channel: 'inbox', recipient: user('no-smtp') });
        await enqueue(email);
        await enqueue(message);

        await noSmtp.dispatchDue(new Date(), 500);
        await noSmtp.dispatchDue(new Date(), 500);
        expect(await row(email.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 0 });
        expect(await row(message.idempotencyKey)).toMatchObject({ status: 'sent' });
        expect(warn.mock.calls.filter(([text]) => /SMTP_URL is not set/.test(String(text)))).toHaveLength(1);
        expect(smtp.to(to)).toEqual([]);

        await dispatcher.dispatchDue(new Date(), 500);
        expect(await row(email.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 1 });
        expect(smtp.to(to)).toHaveLength(1);
      } finally {
        warn.mockRestore();
      }
    });
  });

  describe('exactly once', () => {
    it('a second round delivers nothing again', async () => {
      const path = hookPath('twice');
      const to = mailbox('twice');
      const keys = [
        reminder({ channel: 'webhook', recipient: receiver.url(path) }),
        reminder({ channel: 'email', recipient: to }),
        reminder({ channel: 'inbox', recipient: user('twice') }),
      ];
      for (const n of keys) await enqueue(n);
      await dispatcher.dispatchDue(new Date(), 500);
      await dispatcher.dispatchDue(new Date(), 500);
      await dispatcher.dispatchDue(at(new Date(), 2 * 3_600_000), 500);

      expect((await rows(keys.map((n) => n.idempotencyKey))).map((r) => [r.status, r.attempts])).toEqual([
        ['sent', 1],
        ['sent', 1],
        ['sent', 1],
      ]);
      expect(receiver.requests(path)).toHaveLength(1);
      expect(smtp.to(to)).toHaveLength(1);
    });

    it('skips rows another transaction holds (FOR UPDATE SKIP LOCKED) instead of waiting or taking them', async () => {
      const n = reminder({ channel: 'inbox', recipient: user('locked') });
      await enqueue(n);
      const holder = db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      try {
        await holder.query(`SELECT 1 FROM notification_outbox WHERE idempotency_key = $1 FOR UPDATE`, [n.idempotencyKey]);
        await dispatcher.dispatchDue(new Date(), 500);
        expect(await row(n.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 0 });
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
      await dispatcher.dispatchDue(new Date(), 500);
      expect(await row(n.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it('two dispatchers running at once deliver every row exactly once', async () => {
      const other = new NotificationDispatcher(db, { smtpUrl: smtp.url, webhookSecret: SECRET });
      const path = hookPath('crowd');
      receiver.delay(path, 15);
      const producer = user('crowd');
      const batch: OutboxNotification[] = [
        ...Array.from({ length: 24 }, () => reminder({ channel: 'webhook', recipient: receiver.url(path) })),
        ...Array.from({ length: 8 }, (_, i) => reminder({ channel: 'email', recipient: mailbox(`crowd-${i}`) })),
        ...Array.from({ length: 8 }, () => reminder({ channel: 'inbox', recipient: producer })),
      ];
      await db.transaction(async (m) => {
        for (const n of batch) await outbox.enqueue(m, n);
      });
      const keys = batch.map((n) => n.idempotencyKey);

      const sentBy = { first: 0, second: 0 };
      for (let round = 0; round < 20; round += 1) {
        const [a, b] = await Promise.all([dispatcher.dispatchDue(new Date(), 6), other.dispatchDue(new Date(), 6)]);
        sentBy.first += a.sent;
        sentBy.second += b.sent;
        if ((await rows(keys)).every((r) => r.status === 'sent')) break;
      }

      const stored = await rows(keys);
      expect(stored).toHaveLength(batch.length);
      expect(stored.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      expect(sentBy.first).toBeGreaterThan(0);
      expect(sentBy.second).toBeGreaterThan(0);
      const webhookIds = receiver.requests(path).map((r) => r.json.deliveryId);
      expect(webhookIds.sort()).toEqual(
        batch
          .filter((n) => n.channel === 'webhook')
          .map((n) => n.idempotencyKey)
          .sort(),
      );
      for (const n of batch.filter((b) => b.channel === 'email')) expect(smtp.to(n.recipient)).toHaveLength(1);
      expect((await inbox.list([producer], false, 100)).map((m) => m.message_id).sort()).toEqual(
        batch
          .filter((n) => n.channel === 'inbox')
          .map((n) => n.idempotencyKey)
          .sort(),
      );
      await other.onApplicationShutdown();
    });
  });

  describe('polling', () => {
    it('start() delivers in the background; stop() waits for the round in progress, then nothing more is sent', async () => {
      const poller = new NotificationDispatcher(db, { webhookSecret: SECRET });
      const path = hookPath('slow');
      receiver.delay(path, 400);
      const first = reminder({ channel: 'webhook', recipient: receiver.url(path) });
      await enqueue(first);

      poller.start(25);
      const deadline = Date.now() + 10_000;
      while (receiver.requests(path).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(receiver.requests(path)).toHaveLength(1); // in flight: the receiver answers 400 ms later
      await poller.stop();
      expect(await row(first.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 1 });

      const second = reminder({ channel: 'webhook', recipient: receiver.url(path) });
      await enqueue(second);
      await new Promise((r) => setTimeout(r, 200));
      expect(await row(second.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 0 });
      await dispatcher.dispatchDue(new Date(), 500);
      expect(await row(second.idempotencyKey)).toMatchObject({ status: 'sent' });
    });
  });

  describe('NotificationsModule', () => {
    it('provides the outbox and a dispatcher configured from SMTP_URL, SMTP_FROM and WEBHOOK_SECRET', async () => {
      const url = process.env.OCOP_TEST_DATABASE_URL!;
      const env = validateEnvironment({
        DATABASE_URL: url,
        SMTP_URL: smtp.url,
        SMTP_FROM: 'Sở NN&PTNT Lào Cai <ocop@laocai.example.vn>',
        WEBHOOK_SECRET: SECRET,
      });
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...env })] }),
          TypeOrmModule.forRoot(dataSourceOptions(url, { extra: { max: 2 }, logging: false })),
          NotificationsModule,
        ],
      }).compile();
      try {
        const moduleDb = moduleRef.get<DataSource>(getDataSourceToken());
        const moduleOutbox = moduleRef.get(NotificationOutbox);
        const path = hookPath('module');
        const to = mailbox('module');
        const producer = user('module');
        const batch = [
          reminder({ channel: 'email', recipient: to }),
          reminder({ channel: 'webhook', recipient: receiver.url(path) }),
          reminder({ channel: 'inbox', recipient: producer }),
        ];
        await moduleDb.transaction(async (m) => {
          for (const n of batch) await moduleOutbox.enqueue(m, n);
        });
        await moduleRef.get(NotificationDispatcher).dispatchDue(new Date(), 500);

        expect((await rows(batch.map((n) => n.idempotencyKey))).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
        expect(smtp.to(to)[0]!.headers.from).toContain('ocop@laocai.example.vn');
        expect(receiver.requests(path).map((r) => r.signatureValid)).toEqual([true]);
        expect((await new NotificationsRepository(moduleDb).list([producer], false, 10)).map((m) => m.message_id)).toEqual([
          batch[2]!.idempotencyKey,
        ]);
      } finally {
        await moduleRef.close();
      }
    });
  });
});
