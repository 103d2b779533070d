import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IDEMPOTENCY_LEASE_SECONDS, IdempotencyStore } from '../../apps/api/src/common/idempotency.store';
import { openTestDatabase } from '../support/database';

describe('idempotency store on PostgreSQL', () => {
  let db: DataSource;
  let store: IdempotencyStore;
  beforeAll(async () => {
    db = await openTestDatabase();
    store = new IdempotencyStore(db);
  });
  afterAll(() => db.destroy());

  it('claims a new key, then replays its stored response', async () => {
    const key = `k-${randomUUID()}`;
    expect(await store.claim(key, 'h1')).toEqual({ kind: 'claimed' });
    expect(await store.claim(key, 'h1')).toEqual({ kind: 'in_progress' });
    await store.complete(key, 201, { id: 'p-1' });
    expect(await store.claim(key, 'h1')).toEqual({ kind: 'replay', status: 201, body: { id: 'p-1' } });
  });

  it('refuses the same key with another request body', async () => {
    const key = `k-${randomUUID()}`;
    await store.claim(key, 'h1');
    await store.complete(key, 201, {});
    expect(await store.claim(key, 'h2')).toEqual({ kind: 'mismatch' });
  });

  it('lets a failed request be retried with the same key', async () => {
    const key = `k-${randomUUID()}`;
    await store.claim(key, 'h1');
    await store.release(key);
    expect(await store.claim(key, 'h1')).toEqual({ kind: 'claimed' });
  });

  it('lets a retry take over a claim abandoned by a request that died', async () => {
    const key = `k-${randomUUID()}`;
    await store.claim(key, 'h1');
    await db.query(`UPDATE idempotency_keys SET updated_at = now() - interval '1 hour' WHERE scope_key = $1`, [key]);
    expect(await store.claim(key, 'h1')).toEqual({ kind: 'claimed' });
    expect(await store.claim(key, 'h1')).toEqual({ kind: 'in_progress' });
  });

  it('holds a claim as a lease: renewed, it stays; left past IDEMPOTENCY_LEASE_SECONDS, a retry takes it over', async () => {
    const key = `k-${randomUUID()}`;
    await store.claim(key, 'h1');
    const age = (seconds: number) =>
      db.query(`UPDATE idempotency_keys SET updated_at = now() - make_interval(secs => $2) WHERE scope_key = $1`, [key, seconds]);
    await age(IDEMPOTENCY_LEASE_SECONDS - 2);
    await store.renew(key); // the request is still running
    expect(await store.claim(key, 'h1')).toEqual({ kind: 'in_progress' });
    await age(IDEMPOTENCY_LEASE_SECONDS + 1); // its process died a lease ago
    expect(await store.claim(key, 'h1')).toEqual({ kind: 'claimed' });
  });

  it('gives exactly one of many simultaneous claims', async () => {
    const key = `k-${randomUUID()}`;
    const claims = await Promise.all(Array.from({ length: 8 }, () => store.claim(key, 'h1')));
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'in_progress')).toHaveLength(7);
  });
});
