import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ThrottleStore } from '../../apps/api/src/common/throttle.store';
import { openTestDatabase } from '../support/database';

// The brakes' state on PostgreSQL: counts and holds shared by every connection (so by every API process).
describe('throttle store on PostgreSQL', () => {
  let db: DataSource;
  let store: ThrottleStore;
  const policy = { freeAttempts: 2, firstDelayMs: 60_000, lockAfter: 4, lockSeconds: 600 };
  beforeAll(async () => {
    db = await openTestDatabase();
    store = new ThrottleStore(db);
  });
  afterAll(() => db.destroy());

  it('lets the free attempts through, then holds the key back; nothing is counted while held', async () => {
    const key = `t-${randomUUID()}`;
    expect(await store.attempt([{ key, policy }])).toMatchObject({ allowed: true });
    expect(await store.attempt([{ key, policy }])).toMatchObject({ allowed: true });
    const held = await store.attempt([{ key, policy }]);
    expect(held).toMatchObject({ allowed: false, key, attempts: 2 });
    expect(held.allowed === false && held.retryAfterSeconds).toBeGreaterThan(50);
    expect(await store.attempt([{ key, policy }])).toMatchObject({ allowed: false, attempts: 2 });
  });

  it('takes a successful attempt back: the account starts again, the address forgets one', async () => {
    const account = `t-${randomUUID()}`;
    const address = `t-${randomUUID()}`;
    const keys = [
      { key: account, policy },
      { key: address, policy },
    ];
    await store.attempt(keys);
    await store.succeeded([account], [{ key: address, policy }]);
    const rows: { throttle_key: string; attempts: number }[] = await db.query(
      `SELECT throttle_key, attempts FROM throttles WHERE throttle_key = ANY($1)`,
      [[account, address]],
    );
    expect(rows).toEqual([{ throttle_key: address, attempts: 0 }]);
  });

  it('counts an attempt whose key a parallel success just reset (the row deleted between insert and lock)', async () => {
    // Many logins of one account at once, each succeeding: every `succeeded` deletes the account's row while the
    // other attempts are between their insert and their lock. None may fail for want of its row.
    const key = `t-${randomUUID()}`;
    const generous = { ...policy, freeAttempts: 1000, lockAfter: 2000 };
    const results = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const gate = await store.attempt([{ key, policy: generous }]);
        await store.succeeded([key], []);
        return gate.allowed;
      }),
    );
    expect(results).toEqual(Array.from({ length: 30 }, () => true));
  });

  it('counts parallel attempts exactly: 20 at once on one key let through exactly the free ones', async () => {
    const key = `t-${randomUUID()}`;
    const gates = await Promise.all(Array.from({ length: 20 }, () => store.attempt([{ key, policy }])));
    expect(gates.filter((g) => g.allowed)).toHaveLength(policy.freeAttempts);
  });

  it('counts requests in a fixed window', async () => {
    const key = `t-${randomUUID()}`;
    const counts = [];
    for (let i = 0; i < 3; i += 1) counts.push((await store.hit(key, 60)).count);
    expect(counts).toEqual([1, 2, 3]);
    await db.query(`UPDATE throttles SET window_started_at = now() - interval '61 seconds' WHERE throttle_key = $1`, [key]);
    expect(await store.hit(key, 60)).toMatchObject({ count: 1 });
  });
});
