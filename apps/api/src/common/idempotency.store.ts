import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type Claim =
  { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown } | { kind: 'mismatch' } | { kind: 'in_progress' };

/**
 * A claim is a lease: its request renews it every IDEMPOTENCY_RENEW_MS while it runs, so a claim not renewed for
 * this long belongs to a request (or a process) that died, and a retry takes it over seconds later, not minutes.
 */
export const IDEMPOTENCY_LEASE_SECONDS = 10;
export const IDEMPOTENCY_RENEW_MS = 3_000;
const STALE_AFTER_SECONDS = IDEMPOTENCY_LEASE_SECONDS;

@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Claims a key for this request, or tells how an earlier request with the same key ended. */
  async claim(scopeKey: string, requestHash: string): Promise<Claim> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope_key, request_hash, state) VALUES ($1, $2, 'in_progress')
       ON CONFLICT ON CONSTRAINT pk_idempotency_keys DO NOTHING RETURNING scope_key`,
      [scopeKey, requestHash],
    );
    if (inserted.length === 1) return { kind: 'claimed' };

    const [row]: { request_hash: string; state: string; response_status: number; response_body: unknown; stale: boolean }[] =
      await this.dataSource.query(
        `SELECT request_hash, state, response_status, response_body, updated_at < now() - make_interval(secs => $2) AS stale
           FROM idempotency_keys WHERE scope_key = $1`,
        [scopeKey, STALE_AFTER_SECONDS],
      );
    if (!row) return this.claim(scopeKey, requestHash); // released between our insert and select
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.state === 'completed') return { kind: 'replay', status: row.response_status, body: row.response_body };
    if (!row.stale) return { kind: 'in_progress' };
    // TypeORM answers an UPDATE with [rows, affected row count].
    const [, taken]: [unknown[], number] = await this.dataSource.query(
      `UPDATE idempotency_keys SET updated_at = now()
        WHERE scope_key = $1 AND state = 'in_progress' AND updated_at < now() - make_interval(secs => $2) RETURNING scope_key`,
      [scopeKey, STALE_AFTER_SECONDS],
    );
    return taken === 1 ? { kind: 'claimed' } : { kind: 'in_progress' };
  }

  async complete(scopeKey: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $2, response_body = $3::jsonb, updated_at = now()
        WHERE scope_key = $1`,
      [scopeKey, status, JSON.stringify(body ?? null)],
    );
  }

  /** Extends the lease of a claim whose request is still running. */
  async renew(scopeKey: string): Promise<void> {
    await this.dataSource.query(`UPDATE idempotency_keys SET updated_at = now() WHERE scope_key = $1 AND state = 'in_progress'`, [
      scopeKey,
    ]);
  }

  /** Forgets a claim whose request failed, so the client can retry with the same key. */
  async release(scopeKey: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE scope_key = $1 AND state = 'in_progress'`, [scopeKey]);
  }
}
