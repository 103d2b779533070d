import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { ok, userIdOf } from './flows';
import { request, requestAs } from './http';

// A person who left: the admin disables the user (an event with the actor; again changes nothing); at once the
// user's token and API key are refused and its login fails as a wrong password does; enabled again, it logs in anew,
// while a token from before it was disabled stays dead.
const PASSWORD = 'Kiểm-nghiệm-Lào-Cai-2027';

describe('POST /users/:id/disable and /enable', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const login = (username: string, password = PASSWORD) => request('POST', '/auth/login', { body: { username, password } });
  const me = (token: string) => request('GET', '/auth/me', { headers: { authorization: `Bearer ${token}` } });
  const labRequests = (key: string) => request('GET', '/lab-requests', { headers: { 'x-api-key': key } });
  const eventsOf = async (userId: string) =>
    (
      await db.query(
        `SELECT type, actor FROM events WHERE stream_id = $1 AND type IN ('UserDisabled', 'UserEnabled') ORDER BY stream_seq`,
        [`user:${userId}`],
      )
    ).map((e: { type: string; actor: string }) => `${e.type} ${e.actor}`);

  it('stops the user’s logins, tokens and API keys at once, recorded once with the admin as actor', async () => {
    const username = `lab.roi-di.${randomUUID().slice(0, 8)}`;
    const user = ok(
      await requestAs('admin', 'POST', '/users', {
        body: { username, displayName: 'Người đã nghỉ việc', password: PASSWORD, role: 'lab', agencyId: `lab:${username}` },
      }),
      201,
    );
    const key = ok(await requestAs('admin', 'POST', '/api-keys', { body: { userId: user.userId, name: 'LIMS' } }), 201).key as string;
    const token = ok(await login(username)).accessToken as string;
    expect([(await me(token)).status, (await labRequests(key)).status]).toEqual([200, 200]);

    // Only the admin manages users.
    expect((await requestAs('tinh.laocai', 'POST', `/users/${user.userId}/disable`)).status).toBe(403);
    expect((await me(token)).status).toBe(200);

    const retry = { 'Idempotency-Key': `disable-${randomUUID()}` };
    for (const headers of [retry, retry, {}]) {
      const disabled = await requestAs('admin', 'POST', `/users/${user.userId}/disable`, { headers });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ userId: user.userId, disabled: true });
    }
    const adminLabel = `admin:${await userIdOf('admin')}`;
    expect(await eventsOf(user.userId)).toEqual([`UserDisabled ${adminLabel}`]);
    expect(
      (ok(await requestAs('admin', 'GET', '/users')) as { userId: string; disabled: boolean }[]).find((u) => u.userId === user.userId),
    ).toMatchObject({ disabled: true });

    const [tokenAfter, keyAfter] = [await me(token), await labRequests(key)];
    expect([tokenAfter.status, tokenAfter.body.code, keyAfter.status, keyAfter.body.code]).toEqual([
      401,
      'UNAUTHENTICATED',
      401,
      'UNAUTHENTICATED',
    ]);
    // The right password of a disabled user is answered as a wrong one: nobody learns the account exists.
    const [rightPassword, wrongPassword] = [await login(username), await login(username, 'not-the-password-1A!')];
    expect([rightPassword.status, rightPassword.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect(rightPassword.body).toEqual(wrongPassword.body);

    // Enabled again: a new login works; the token from before stays refused.
    expect(ok(await requestAs('admin', 'POST', `/users/${user.userId}/enable`))).toMatchObject({ disabled: false });
    expect(ok(await requestAs('admin', 'POST', `/users/${user.userId}/enable`))).toMatchObject({ disabled: false });
    expect(await eventsOf(user.userId)).toEqual([`UserDisabled ${adminLabel}`, `UserEnabled ${adminLabel}`]);
    const fresh = ok(await login(username)).accessToken as string;
    expect([(await me(fresh)).status, (await me(token)).status]).toEqual([200, 401]);
  });

  it('refuses an admin disabling itself, and a user that does not exist, changing nothing', async () => {
    const adminId = await userIdOf('admin');
    const self = await requestAs('admin', 'POST', `/users/${adminId}/disable`);
    expect(self.status).toBe(400);
    expect(self.body.errors).toEqual([expect.objectContaining({ field: 'id', rule: 'notSelf' })]);
    expect((await requestAs('admin', 'GET', '/auth/me')).status).toBe(200);
    expect((await requestAs('admin', 'POST', `/users/${randomUUID()}/disable`)).status).toBe(404);
    expect((await requestAs('admin', 'POST', '/users/not-a-uuid/disable')).status).toBe(400);
  });
});
