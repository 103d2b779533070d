import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { request, requestAs } from './http';

// An organisation's contact details changed over HTTP (PATCH /organisations/:id) by its own producer and by the
// coordinators of its area, each change one event with its actor, refused naming the field when a rule is broken;
// and a user re-bound by the admin (PUT /users/:id/binding), its next request already with the new binding.
// Organisations and users of this file's own, so no other suite's data changes.

const PASSWORD = 'Mận-tam-hoa-Bắc-Hà-2027';

async function register(name: string, districtCode = 'bac-ha'): Promise<string> {
  const made = await requestAs('huyen.bacha', 'POST', '/organisations', {
    body: { name, producerType: 'htx', districtCode, contactEmail: 'cu@example.vn' },
  });
  if (made.status !== 201) throw new Error(`could not register ${name}: ${JSON.stringify(made.body)}`);
  return made.body.id;
}

async function producerOf(organisationId: string): Promise<{ userId: string; token: () => Promise<string> }> {
  const username = `sx.${randomUUID().slice(0, 8)}`;
  const created = await requestAs('admin', 'POST', '/users', {
    body: { username, displayName: `Chủ thể ${username}`, password: PASSWORD, role: 'producer', organisationId },
  });
  if (created.status !== 201) throw new Error(`could not create ${username}: ${JSON.stringify(created.body)}`);
  return {
    userId: created.body.userId,
    token: async () => (await request('POST', '/auth/login', { body: { username, password: PASSWORD } })).body.accessToken,
  };
}

const as = (token: string, method: string, path: string, body?: unknown) =>
  request(method, path, { headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { body }) });

describe('organisation contact details and user bindings', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const changes = async (organisationId: string) =>
    db.query(`SELECT actor, payload FROM events WHERE stream_id = $1 AND type = 'OrganisationContactChanged' ORDER BY stream_seq`, [
      `organisation:${organisationId}`,
    ]);

  it('its producer and the district coordinator change the contact details: one event each, with the actor; the same again records nothing', async () => {
    const organisationId = await register(`HTX Liên hệ ${randomUUID().slice(0, 6)}`);
    const producer = await producerOf(organisationId);
    const token = await producer.token();

    const mine = await as(token, 'PATCH', `/organisations/${organisationId}`, {
      contactPhone: '0214 3880 123',
      address: 'Thôn Nậm Sắt, xã Nậm Mòn, huyện Bắc Hà',
      representative: 'Lù Văn A',
    });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      contactEmail: 'cu@example.vn',
      contactPhone: '0214 3880 123',
      address: 'Thôn Nậm Sắt, xã Nậm Mòn, huyện Bắc Hà',
      representative: 'Lù Văn A',
      contactUpdatedBy: `producer:${producer.userId}`,
    });

    const district = await requestAs('huyen.bacha', 'PATCH', `/organisations/${organisationId}`, {
      body: { contactEmail: null, representative: '  Giàng Thị B ' },
    });
    expect(district.status).toBe(200);
    expect(district.body).toMatchObject({ contactEmail: null, contactPhone: '0214 3880 123', representative: 'Giàng Thị B' });
    expect(district.body.contactUpdatedBy).toMatch(/^district_coordinator:/);

    // The same change again (a retry) records nothing.
    const again = await requestAs('huyen.bacha', 'PATCH', `/organisations/${organisationId}`, { body: { representative: 'Giàng Thị B' } });
    expect(again.status).toBe(200);
    const recorded = await changes(organisationId);
    expect(recorded).toEqual([
      {
        actor: `producer:${producer.userId}`,
        payload: {
          organisationId,
          contactPhone: '0214 3880 123',
          address: 'Thôn Nậm Sắt, xã Nậm Mòn, huyện Bắc Hà',
          representative: 'Lù Văn A',
        },
      },
      {
        actor: expect.stringMatching(/^district_coordinator:/),
        payload: { organisationId, contactEmail: null, representative: 'Giàng Thị B' },
      },
    ]);
    expect((await requestAs('tinh.laocai', 'GET', `/organisations/${organisationId}`)).body).toMatchObject({
      contactEmail: null,
      representative: 'Giàng Thị B',
    });
  });

  it.each([
    [{}, 'contactEmail', 'atLeastOne'],
    [{ contactEmail: 'not an email' }, 'contactEmail', 'isEmail'],
    [{ contactPhone: '12ab' }, 'contactPhone', 'matches'],
    [{ contactPhone: '0214 38' }, 'contactPhone', 'matches'],
    [{ address: 'x' }, 'address', 'isLength'],
    [{ representative: ' \u0007 ' }, 'representative', 'matches'],
    [{ name: 'Tên mới' }, 'name', 'notAllowed'],
  ])('refuses %j naming %s (%s), changing nothing', async (body, field, rule) => {
    const organisationId = await register(`HTX Sai ${randomUUID().slice(0, 6)}`);
    const refused = await requestAs('huyen.bacha', 'PATCH', `/organisations/${organisationId}`, { body });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(await changes(organisationId)).toEqual([]);
  });

  it('another district’s coordinator and another organisation’s producer may not change it', async () => {
    const organisationId = await register(`HTX Khác ${randomUUID().slice(0, 6)}`);
    const body = { contactPhone: '0912 345 678' };
    expect((await requestAs('huyen.batxat', 'PATCH', `/organisations/${organisationId}`, { body })).status).toBe(403);
    expect((await requestAs('che.batxat', 'PATCH', `/organisations/${organisationId}`, { body })).status).toBe(403);
    expect((await requestAs('hoidong.1', 'PATCH', `/organisations/${organisationId}`, { body })).status).toBe(403);
    expect(await changes(organisationId)).toEqual([]);
  });

  it('the admin re-binds a producer to another organisation: recorded with the actor, in force on its next request', async () => {
    const [first, second] = [await register(`HTX Cũ ${randomUUID().slice(0, 6)}`), await register(`HTX Mới ${randomUUID().slice(0, 6)}`)];
    const producer = await producerOf(first);
    const token = await producer.token();
    expect((await as(token, 'PATCH', `/organisations/${second}`, { contactPhone: '0912 345 678' })).status).toBe(403);

    const rebound = await requestAs('admin', 'PUT', `/users/${producer.userId}/binding`, { body: { organisationId: second } });
    expect(rebound.status).toBe(200);
    expect(rebound.body).toMatchObject({ userId: producer.userId, role: 'producer', organisationId: second, provinceCode: 'lao-cai' });
    expect((await as(token, 'GET', '/auth/me')).body.organisationId).toBe(second);
    expect((await as(token, 'PATCH', `/organisations/${second}`, { contactPhone: '0912 345 678' })).status).toBe(200);
    expect((await as(token, 'PATCH', `/organisations/${first}`, { contactPhone: '0912 345 678' })).status).toBe(403);

    expect((await requestAs('admin', 'PUT', `/users/${producer.userId}/binding`, { body: { organisationId: second } })).status).toBe(200);
    const events = await db.query(`SELECT actor, payload FROM events WHERE stream_id = $1 AND type = 'UserRebound'`, [
      `user:${producer.userId}`,
    ]);
    expect(events).toEqual([
      {
        actor: expect.stringMatching(/^admin:/),
        payload: {
          userId: producer.userId,
          role: 'producer',
          organisationId: second,
          provinceCode: 'lao-cai',
          before: { organisationId: first, provinceCode: 'lao-cai' },
        },
      },
    ]);
  });

  it('refuses a re-binding the role cannot take, naming the field; only the admin re-binds', async () => {
    const producer = await producerOf(await register(`HTX Gắn ${randomUUID().slice(0, 6)}`));
    const put = (body: unknown, user = 'admin') => requestAs(user, 'PUT', `/users/${producer.userId}/binding`, { body });
    const cases: [unknown, number, string, string?][] = [
      [{}, 400, 'organisationId', 'isNotEmpty'],
      [{ districtCode: 'bat-xat' }, 400, 'districtCode', 'notForRole'],
      [{ organisationId: 'abc' }, 400, 'organisationId', 'isUuid'],
      [{ organisationId: randomUUID() }, 422, 'organisationId'],
    ];
    for (const [body, status, field, rule] of cases) {
      const refused = await put(body);
      expect({ body, status: refused.status }).toEqual({ body, status });
      const named = refused.body.errors?.[0] ?? refused.body.details;
      expect(named).toMatchObject({ field, ...(rule ? { rule } : {}) });
    }
    expect((await put({ organisationId: randomUUID() }, 'tinh.laocai')).status).toBe(403);
    const member = (await requestAs('admin', 'GET', '/users')).body.find((u: { username: string }) => u.username === 'hoidong.1');
    const unbound = await requestAs('admin', 'PUT', `/users/${member.userId}/binding`, { body: { districtCode: 'bac-ha' } });
    expect(unbound.status).toBe(400);
    expect(unbound.body.errors[0]).toMatchObject({ field: 'role', rule: 'hasBinding' });
  });
});
