import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '@ocop/config';
import { OcopError } from '@ocop/domain';
import type { UserRecord } from '@ocop/identity';
import { NotificationOutbox } from '@ocop/notifications';
import { type DelayPolicy, ThrottleStore } from '../common/throttle.store';

/** A login attempt let through the brakes; `failed` or `succeeded` must follow. */
export interface LoginAttempt {
  readonly accountKey: string;
  readonly addressKey: string;
  readonly accountFailures: number;
}

/**
 * Brakes on password logins, per account and per client address, shared by every API process (state in
 * PostgreSQL): the first failures of an account are answered at once, then each next try waits a delay that
 * doubles; at LOGIN_LOCK_AFTER failures in a row the account is locked for LOGIN_LOCK_SECONDS (even the right
 * password is refused) and its owner finds a message in the inbox (and mail, with an address on file). A client
 * address gets the same growing delays after LOGIN_ADDRESS_DELAY_AFTER failures over any accounts.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly account: DelayPolicy;
  private readonly address: DelayPolicy;

  constructor(
    private readonly store: ThrottleStore,
    private readonly outbox: NotificationOutbox,
    @InjectDataSource() private readonly db: DataSource,
    config: ConfigService<Environment, true>,
  ) {
    const lockSeconds = config.get('LOGIN_LOCK_SECONDS', { infer: true });
    const firstDelayMs = config.get('LOGIN_FIRST_DELAY_MS', { infer: true });
    this.account = {
      freeAttempts: config.get('LOGIN_DELAY_AFTER', { infer: true }),
      lockAfter: config.get('LOGIN_LOCK_AFTER', { infer: true }),
      lockSeconds,
      firstDelayMs,
    };
    this.address = { freeAttempts: config.get('LOGIN_ADDRESS_DELAY_AFTER', { infer: true }), lockSeconds, firstDelayMs };
  }

  /** Lets the attempt through, or refuses it with 429 (LOGIN_THROTTLED, or ACCOUNT_LOCKED) and Retry-After. */
  async begin(username: string, clientAddress: string): Promise<LoginAttempt> {
    const accountKey = `login:account:${username.trim().toLowerCase()}`;
    const addressKey = `login:address:${clientAddress}`;
    const gate = await this.store.attempt([
      { key: accountKey, policy: this.account },
      { key: addressKey, policy: this.address },
    ]);
    if (!gate.allowed) {
      const locked = gate.key === accountKey && gate.attempts >= this.account.lockAfter!;
      throw new OcopError(locked ? 'ACCOUNT_LOCKED' : 'LOGIN_THROTTLED', {
        retryAfterSeconds: gate.retryAfterSeconds,
        scope: gate.key === accountKey ? 'account' : 'address',
      });
    }
    return { accountKey, addressKey, accountFailures: gate.attempts.get(accountKey) ?? 1 };
  }

  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.store.succeeded([attempt.accountKey], [{ key: attempt.addressKey, policy: this.address }]);
  }

  /** The attempt failed (it is already counted); the failure that locks a known account tells its owner. */
  async failed(attempt: LoginAttempt, user: UserRecord | undefined): Promise<void> {
    if (!user || attempt.accountFailures !== this.account.lockAfter) return;
    const lockedUntil = new Date(Date.now() + this.account.lockSeconds * 1000).toISOString();
    const data = { username: user.username, failures: attempt.accountFailures, lockedUntil };
    try {
      await this.db.transaction(async (manager) => {
        const key = `account-locked:${user.userId}:${lockedUntil}`;
        await this.outbox.enqueue(manager, {
          idempotencyKey: `${key}:inbox`,
          channel: 'inbox',
          recipient: `user:${user.userId}`,
          template: 'account-locked',
          data,
        });
        if (user.email)
          await this.outbox.enqueue(manager, {
            idempotencyKey: `${key}:email`,
            channel: 'email',
            recipient: user.email,
            template: 'account-locked',
            data,
          });
      });
    } catch (error) {
      // The lock holds either way; a lost notice must not turn a refused login into a 500.
      this.logger.error(`could not tell ${user.username} about the lock: ${String(error)}`);
    }
  }
}
