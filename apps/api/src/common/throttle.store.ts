import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** How a key's failed attempts slow it down: free attempts, then delays doubling from `firstDelayMs`, then a lock. */
export interface DelayPolicy {
  readonly freeAttempts: number;
  readonly firstDelayMs: number;
  /** Attempts in a row that lock the key for `lockSeconds` (no lock when absent: delays stop growing there). */
  readonly lockAfter?: number;
  readonly lockSeconds: number;
}

export type AttemptGate =
  | { readonly allowed: true; readonly attempts: ReadonlyMap<string, number> }
  | { readonly allowed: false; readonly key: string; readonly retryAfterSeconds: number; readonly attempts: number };

/** The delay a key's `attempts`-th failed attempt imposes on its next one, in milliseconds. */
export function delayAfter(attempts: number, policy: DelayPolicy): number {
  if (policy.lockAfter !== undefined && attempts >= policy.lockAfter) return policy.lockSeconds * 1000;
  if (attempts < policy.freeAttempts) return 0;
  return Math.min(policy.firstDelayMs * 2 ** (attempts - policy.freeAttempts), policy.lockSeconds * 1000);
}

/**
 * Throttling state in PostgreSQL (table `throttles`), so every API process sees the same counts: a brake held by
 * one process holds in all of them.
 */
@Injectable()
export class ThrottleStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * A transaction retried when PostgreSQL breaks a deadlock or a serialisation conflict between parallel logins of
   * one account or address (an attempt inserting rows while a success deletes them): the loser runs again.
   */
  private async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.db.transaction(work);
      } catch (error) {
        const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '40001')) throw error;
      }
    }
  }

  /**
   * Counts one attempt against every key, unless one of them is still held back (then nothing is counted and the
   * longest wait is returned). An attempt is counted as failed up front — under the keys' row locks, so parallel
   * attempts in any process queue up — and `succeeded` takes it back. Attempts forgotten after `lockSeconds` quiet.
   */
  async attempt(keys: readonly { key: string; policy: DelayPolicy }[]): Promise<AttemptGate> {
    const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key)); // one lock order: no deadlocks
    return this.transaction(async (manager) => {
      let rows: { throttle_key: string; attempts: number; quiet_seconds: number; wait_seconds: number | null }[] = [];
      // A successful login in another request may delete a key's row between our insert and our lock (its `succeeded`
      // resets it): insert again until every key has a locked row.
      while (rows.length < sorted.length) {
        await manager.query(
          `INSERT INTO throttles (throttle_key) SELECT unnest($1::text[]) ON CONFLICT ON CONSTRAINT pk_throttles DO NOTHING`,
          [sorted.map((k) => k.key)],
        );
        rows = await manager.query(
          `SELECT throttle_key, attempts, extract(epoch FROM now() - last_attempt_at)::float8 AS quiet_seconds,
                  CASE WHEN blocked_until > now() THEN ceil(extract(epoch FROM blocked_until - now()))::int END AS wait_seconds
             FROM throttles WHERE throttle_key = ANY($1::text[]) ORDER BY throttle_key FOR UPDATE`,
          [sorted.map((k) => k.key)],
        );
      }
      const blocked = rows.filter((r) => r.wait_seconds !== null).sort((a, b) => b.wait_seconds! - a.wait_seconds!)[0];
      if (blocked)
        return {
          allowed: false,
          key: blocked.throttle_key,
          retryAfterSeconds: Math.max(1, blocked.wait_seconds!),
          attempts: blocked.attempts,
        };
      const attempts = new Map<string, number>();
      for (const { key, policy } of sorted) {
        const row = rows.find((r) => r.throttle_key === key)!;
        const count = (row.quiet_seconds > policy.lockSeconds ? 0 : row.attempts) + 1;
        attempts.set(key, count);
        await this.set(manager, key, count, delayAfter(count, policy));
      }
      if (Math.random() < 0.01)
        await manager.query(
          `DELETE FROM throttles WHERE last_attempt_at < now() - interval '1 day' AND (blocked_until IS NULL OR blocked_until < now())`,
        );
      return { allowed: true, attempts };
    });
  }

  /** Takes back an attempt that succeeded: `reset` keys start again from zero, `forgive` keys lose this one attempt. */
  async succeeded(reset: readonly string[], forgive: readonly { key: string; policy: DelayPolicy }[]): Promise<void> {
    await this.transaction(async (manager) => {
      if (reset.length) await manager.query(`DELETE FROM throttles WHERE throttle_key = ANY($1::text[])`, [reset]);
      for (const { key, policy } of forgive) {
        const [row]: { attempts: number }[] = await manager.query(`SELECT attempts FROM throttles WHERE throttle_key = $1 FOR UPDATE`, [
          key,
        ]);
        if (row) await this.set(manager, key, Math.max(0, row.attempts - 1), delayAfter(Math.max(0, row.attempts - 1), policy), false);
      }
    });
  }

  /**
   * One more request in the key's fixed window of `windowSeconds`; answers how many the window has seen and when it
   * ends (in whole seconds, at least 1).
   */
  async hit(key: string, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }> {
    const [row]: { attempts: number; reset_in: number }[] = await this.db.query(
      `INSERT INTO throttles AS t (throttle_key, attempts, window_started_at, last_attempt_at) VALUES ($1, 1, now(), now())
       ON CONFLICT ON CONSTRAINT pk_throttles DO UPDATE SET
         attempts = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN 1 ELSE t.attempts + 1 END,
         window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN now() ELSE t.window_started_at END,
         last_attempt_at = now()
       RETURNING attempts, greatest(1, ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now())))::int AS reset_in`,
      [key, windowSeconds],
    );
    return { count: row!.attempts, resetInSeconds: row!.reset_in };
  }

  private async set(manager: EntityManager, key: string, attempts: number, delayMs: number, touch = true): Promise<void> {
    await manager.query(
      `UPDATE throttles SET attempts = $2, ${touch ? 'last_attempt_at = now(),' : ''}
              blocked_until = CASE WHEN $3::int > 0 THEN ${touch ? 'now()' : 'last_attempt_at'} + make_interval(secs => ($3::int / 1000.0)::float8) END
        WHERE throttle_key = $1`,
      [key, attempts, delayMs],
    );
  }
}
