import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import type { Environment } from '@ocop/config';
import { notificationDeliveries, notificationDeliveryFailures } from '@ocop/observability';
import { afterFailure, assertRetryPolicy, DEFAULT_RETRY_POLICY, RetryPolicy } from './backoff';
import type { NotificationChannel } from './notification-outbox';
import { returnedRows } from './sql';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhookBody } from './webhook-signature';

export const DEFAULT_SMTP_FROM = 'OCOP Flow <no-reply@ocop.local>';

export interface DispatcherOptions {
  /** `smtp://host:port` or `smtps://user:pass@host:port`. Without it, e-mail rows stay pending (warned once). */
  readonly smtpUrl?: string;
  /** Sender of the e-mail; default {@link DEFAULT_SMTP_FROM}. */
  readonly smtpFrom?: string;
  /** Key of the webhook HMAC-SHA256 signature (at least 16 characters). */
  readonly webhookSecret: string;
  /** Back-off and give-up rule; defaults 10 s doubling, at most 1 h apart, dead after 8 attempts. */
  readonly retry?: Partial<RetryPolicy>;
  /** A webhook that has not answered in this time counts as failed (default 10 s). */
  readonly webhookTimeoutMs?: number;
  /**
   * While a claimed row is being delivered its next_attempt_at is pushed this far ahead (default 15 min), so that
   * should the dispatcher die mid-delivery the row is tried again later rather than never. Must exceed the time a
   * whole round can take.
   */
  readonly claimLeaseMs?: number;
  /** Deliveries in flight at once within a round (default 4). */
  readonly concurrency?: number;
}

export interface DispatchResult {
  /** Rows delivered. */
  sent: number;
  /** Rows whose delivery failed and that will be tried again later. */
  retried: number;
  /** Rows whose last allowed attempt failed. */
  dead: number;
}

/** An outbox row as the dispatcher claims it. */
export interface OutboxRow {
  idempotency_key: string;
  channel: NotificationChannel;
  recipient: string;
  template: string;
  data: Record<string, unknown>;
  subject_vi: string;
  subject_en: string;
  body_vi: string;
  body_en: string;
  event_id: string | null;
  /** Attempts including the one this claim started. */
  attempts: number;
  created_at: Date;
}

/** What a delivery that fails throws: the reason, as stored in `last_error`. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

const MAX_ERROR_LENGTH = 1000;

/** The dispatcher's settings from the validated environment (SMTP_URL, SMTP_FROM, WEBHOOK_SECRET). */
export function dispatcherOptionsFromConfig(config: ConfigService<Environment, true>): DispatcherOptions {
  return {
    smtpUrl: config.get('SMTP_URL', { infer: true }) || undefined,
    smtpFrom: config.get('SMTP_FROM', { infer: true }) || undefined,
    webhookSecret: config.get('WEBHOOK_SECRET', { infer: true }),
    claimLeaseMs: config.get('NOTIFICATION_CLAIM_LEASE_SECONDS', { infer: true }) * 1000,
  };
}

/**
 * Delivers the notification outbox: e-mail over SMTP, signed webhooks, the in-app inbox.
 *
 * A round claims due pending rows with `FOR UPDATE SKIP LOCKED` in a short transaction that also counts the attempt
 * and leases the row (next_attempt_at moves `claimLeaseMs` ahead), so two dispatchers — in one process or many —
 * never claim the same row; the deliveries then run outside any transaction, and each outcome is recorded: sent,
 * retried later with exponential back-off, or dead after the last allowed attempt. Delivery is at least once:
 * a dispatcher that dies between delivering and recording leaves the row to be delivered again after the lease, so
 * webhook receivers should deduplicate by `X-Ocop-Delivery` (the inbox does so itself).
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private readonly policy: RetryPolicy;
  private readonly webhookSecret: string;
  private readonly smtpFrom: string;
  private readonly webhookTimeoutMs: number;
  private readonly claimLeaseMs: number;
  private readonly concurrency: number;
  private readonly mailer?: Transporter;
  private warnedNoSmtp = false;

  private polling = false;
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    options: DispatcherOptions,
  ) {
    if (typeof options.webhookSecret !== 'string' || options.webhookSecret.length < 16)
      throw new Error('webhookSecret must be at least 16 characters');
    if (options.smtpUrl !== undefined && !/^smtps?:\/\/\S+$/.test(options.smtpUrl))
      throw new Error('smtpUrl must be an smtp:// or smtps:// URL');
    this.policy = assertRetryPolicy({ ...DEFAULT_RETRY_POLICY, ...options.retry });
    this.webhookSecret = options.webhookSecret;
    this.smtpFrom = options.smtpFrom ?? DEFAULT_SMTP_FROM;
    this.webhookTimeoutMs = positive(options.webhookTimeoutMs ?? 10_000, 'webhookTimeoutMs');
    this.claimLeaseMs = positive(options.claimLeaseMs ?? 15 * 60_000, 'claimLeaseMs');
    this.concurrency = positive(options.concurrency ?? 4, 'concurrency');
    if (options.smtpUrl) {
      this.mailer = createTransport({ url: options.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    }
  }

  /** Delivers up to `limit` due rows once each; `now` is the dispatcher's clock (injected by tests). */
  async dispatchDue(now: Date = new Date(), limit = 50): Promise<DispatchResult> {
    const channels: NotificationChannel[] = this.mailer ? ['email', 'webhook', 'inbox'] : ['webhook', 'inbox'];
    if (!this.mailer && !this.warnedNoSmtp) {
      this.warnedNoSmtp = true;
      this.logger.warn('SMTP_URL is not set: e-mail notifications stay pending in the outbox until it is');
    }
    const rows = await this.claim(now, limit, channels);
    const result: DispatchResult = { sent: 0, retried: 0, dead: 0 };
    await eachConcurrently(rows, this.concurrency, async (row) => {
      result[await this.process(row, now)] += 1;
    });
    return result;
  }

  /** Polls every `intervalMs` in the background (at once again when a round was full). */
  start(intervalMs = 5_000): void {
    if (this.polling) return;
    positive(intervalMs, 'intervalMs');
    this.polling = true;
    const tick = (): void => {
      this.timer = undefined;
      if (!this.polling) return;
      let full = false;
      const limit = 50;
      this.round = this.dispatchDue(new Date(), limit)
        .then((r) => {
          full = r.sent + r.retried + r.dead >= limit;
        })
        .catch((error: unknown) => this.logger.error(`notification round failed: ${describe(error)}`))
        .finally(() => {
          this.round = undefined;
          if (this.polling) {
            this.timer = setTimeout(tick, full ? 0 : intervalMs);
            this.timer.unref();
          }
        });
    };
    tick();
  }

  /** Stops polling; resolves once the round in progress, if any, has finished. */
  async stop(): Promise<void> {
    this.polling = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
    this.mailer?.close();
  }

  private async claim(now: Date, limit: number, channels: readonly NotificationChannel[]): Promise<OutboxRow[]> {
    const leaseUntil = new Date(now.getTime() + this.claimLeaseMs);
    const result: unknown = await this.dataSource.transaction((manager) =>
      manager.query(
        `WITH due AS (
           SELECT idempotency_key FROM notification_outbox
            WHERE status = 'pending' AND next_attempt_at <= $1 AND channel = ANY($2::text[])
            ORDER BY next_attempt_at, created_at
            LIMIT $3
            FOR UPDATE SKIP LOCKED)
         UPDATE notification_outbox o
            SET attempts = o.attempts + 1, next_attempt_at = $4
           FROM due
          WHERE o.idempotency_key = due.idempotency_key
         RETURNING o.idempotency_key, o.channel, o.recipient, o.template, o.data, o.subject_vi, o.subject_en, o.body_vi, o.body_en,
                   o.event_id, o.attempts, o.created_at`,
        [now, channels, limit, leaseUntil],
      ),
    );
    return returnedRows<OutboxRow>(result);
  }

  private async process(row: OutboxRow, now: Date): Promise<keyof DispatchResult> {
    try {
      if (row.channel === 'inbox') {
        // The inbox is our own table: the message and the outcome commit together.
        await this.dataSource.transaction(async (manager) => {
          await this.deliverToInbox(manager, row, now);
          await this.markSent(manager, row, now);
        });
        notificationDeliveries.inc({ channel: row.channel });
        return 'sent';
      }
      if (row.channel === 'email') await this.sendEmail(row);
      else if (row.channel === 'webhook') await this.postWebhook(row);
      else throw new DeliveryError(`unknown channel ${String(row.channel)}`);
    } catch (error) {
      return this.recordFailure(row, now, error);
    }
    await this.markSent(this.dataSource.manager, row, now);
    notificationDeliveries.inc({ channel: row.channel });
    return 'sent';
  }

  private async markSent(manager: EntityManager, row: OutboxRow, now: Date): Promise<void> {
    await manager.query(
      `UPDATE notification_outbox SET status = 'sent', sent_at = $2, last_error = NULL
        WHERE idempotency_key = $1 AND status = 'pending'`,
      [row.idempotency_key, now],
    );
  }

  private async recordFailure(row: OutboxRow, now: Date, error: unknown): Promise<'retried' | 'dead'> {
    const next = afterFailure(row.attempts, now, this.policy);
    const message = describe(error).slice(0, MAX_ERROR_LENGTH);
    // Only the outcome of this claim: a row re-claimed meanwhile (lease expired) has more attempts.
    await this.dataSource.query(
      `UPDATE notification_outbox SET status = $3, next_attempt_at = COALESCE($4, next_attempt_at), last_error = $5
        WHERE idempotency_key = $1 AND attempts = $2 AND status = 'pending'`,
      [row.idempotency_key, row.attempts, next.status, next.status === 'pending' ? next.nextAttemptAt : null, message],
    );
    notificationDeliveryFailures.inc({ channel: row.channel, outcome: next.status === 'dead' ? 'dead' : 'retried' });
    if (next.status === 'dead') {
      this.logger.error(
        `notification ${row.idempotency_key} (${row.channel} to ${row.recipient}) is dead after ${row.attempts} attempts: ${message}`,
      );
      return 'dead';
    }
    this.logger.warn(
      `notification ${row.idempotency_key} attempt ${row.attempts} failed, next at ${next.nextAttemptAt.toISOString()}: ${message}`,
    );
    return 'retried';
  }

  private async sendEmail(row: OutboxRow): Promise<void> {
    if (!this.mailer) throw new DeliveryError('SMTP_URL is not set');
    await this.mailer.sendMail({
      from: this.smtpFrom,
      to: row.recipient,
      subject: `${row.subject_vi} / ${row.subject_en}`,
      text: `${row.body_vi}\n\n---\n\n${row.body_en}\n`,
      headers: { [DELIVERY_HEADER]: row.idempotency_key },
    });
  }

  private async postWebhook(row: OutboxRow): Promise<void> {
    const body = webhookBody(row);
    let response: Response;
    try {
      response = await fetch(row.recipient, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'ocop-flow-notifications',
          [DELIVERY_HEADER]: row.idempotency_key,
          [SIGNATURE_HEADER]: signWebhookBody(this.webhookSecret, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.webhookTimeoutMs),
      });
    } catch (error) {
      throw new DeliveryError(`webhook POST failed: ${describe(error)}`);
    }
    const answer = await response.text().catch(() => '');
    if (response.status < 200 || response.status > 299) {
      throw new DeliveryError(`webhook answered HTTP ${response.status}${answer ? `: ${answer.slice(0, 200)}` : ''}`);
    }
  }

  private async deliverToInbox(manager: EntityManager, row: OutboxRow, now: Date): Promise<void> {
    await manager.query(
      `INSERT INTO inbox_messages (message_id, recipient, subject_vi, subject_en, body_vi, body_en, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT pk_inbox_messages DO NOTHING`,
      [row.idempotency_key, row.recipient, row.subject_vi, row.subject_en, row.body_vi, row.body_en, now],
    );
  }
}

/** The exact JSON a webhook receives (and whose bytes are signed). */
export function webhookBody(row: OutboxRow): string {
  return JSON.stringify({
    deliveryId: row.idempotency_key,
    template: row.template,
    data: row.data,
    subject: { vi: row.subject_vi, en: row.subject_en },
    body: { vi: row.body_vi, en: row.body_en },
    createdAt: new Date(row.created_at).toISOString(),
  });
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

/** An error's message with its cause's (fetch says only "fetch failed" and puts ECONNREFUSED in the cause). Duck-typed:
 * errors from another realm (undici's, under jest) are not `instanceof Error`. */
function describe(error: unknown): string {
  const message = messageOf(error);
  if (message === undefined) return String(error);
  const cause = messageOf((error as { cause?: unknown }).cause);
  return cause && !message.includes(cause) ? `${message} (${cause})` : message;
}

function messageOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
    ? (error as { message: string }).message
    : undefined;
}

async function eachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item).catch((error: unknown) => {
        errors.push(error);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
}
