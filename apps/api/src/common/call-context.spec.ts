import { deterministicUuid } from '@ocop/persistence';
import type { AuthUser } from '@ocop/identity';
import { callContextOf, idFor, type IdPurpose, updateIdFor } from './call-context';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const actor = {
  userId: 'u-1',
  username: 'htx.bacha',
  displayName: 'HTX',
  role: 'producer',
  disabled: false,
  createdAt: '2021-01-01T00:00:00.000Z',
  via: 'token',
} as AuthUser;
const scope = 'u-1:POST /products:key-1';
const PURPOSES: readonly IdPurpose[] = [
  'product',
  'session',
  'organisation',
  'organisation-registered',
  'user-created',
  'api-key-issued',
  'api-key-revoked',
  'notification-read',
  'province-holidays',
  'user-disabled',
  'user-enabled',
];

describe('deterministicUuid', () => {
  it('is the same for the same name and differs for another', () => {
    const a = deterministicUuid('ns', 'anonymous:POST /products:key-1');
    expect(deterministicUuid('ns', 'anonymous:POST /products:key-1')).toBe(a);
    expect(deterministicUuid('ns', 'anonymous:POST /products:key-2')).not.toBe(a);
    expect(deterministicUuid('other', 'anonymous:POST /products:key-1')).not.toBe(a);
  });

  it('is a version-5, RFC 4122 variant UUID', () => {
    expect(deterministicUuid('ns', 'x')).toMatch(UUID_V5);
  });
});

describe('idFor: the id a call creates or records', () => {
  it.each(PURPOSES)('%s: derived from the Idempotency-Key scope, the same on a retry, in the namespace stored ids use', (purpose) => {
    const id = idFor({ actor, idempotencyScope: scope }, purpose);
    expect(id).toMatch(UUID_V5);
    expect(idFor({ actor, idempotencyScope: scope }, purpose)).toBe(id);
    expect(id).toBe(deterministicUuid(`ocop-flow:${purpose}`, scope));
    expect(idFor({ actor, idempotencyScope: `${scope}-other` }, purpose)).not.toBe(id);
  });

  it('differs per purpose within one call (an entity and its event never share an id)', () => {
    const ids = PURPOSES.map((purpose) => idFor({ actor, idempotencyScope: scope }, purpose));
    expect(new Set(ids).size).toBe(PURPOSES.length);
  });

  it('is a fresh random id without an Idempotency-Key', () => {
    const a = idFor({ actor }, 'product');
    expect(a).toMatch(UUID_V4);
    expect(idFor({ actor }, 'product')).not.toBe(a);
  });
});

describe('updateIdFor', () => {
  it.each([['with a key: derived, the same on a retry', scope, deterministicUuid('ocop-flow:update', scope)]] as const)(
    '%s',
    (_case, idempotencyScope, expected) => {
      expect(updateIdFor({ actor, idempotencyScope })).toBe(expected);
    },
  );

  it('without a key: a fresh id per call (its attempts share it)', () => {
    const a = updateIdFor({ actor });
    expect(a).toMatch(UUID_V4);
    expect(updateIdFor({ actor })).not.toBe(a);
  });

  it('never equals an entity id of the same call', () => {
    expect(PURPOSES.map((purpose) => idFor({ actor, idempotencyScope: scope }, purpose))).not.toContain(
      updateIdFor({ actor, idempotencyScope: scope }),
    );
  });
});

describe('callContextOf: what @Call() builds from the request', () => {
  it.each([
    ['an authenticated request with a key', { user: actor, idempotencyScope: scope }, { actor, idempotencyScope: scope }],
    ['an authenticated request without one', { user: actor }, { actor }],
  ] as const)('%s', (_case, request, expected) => {
    expect(callContextOf(request)).toEqual(expected);
  });

  it('refuses a route without authentication (a programming error, not a caller’s)', () => {
    expect(() => callContextOf({})).toThrow('@Call() used on a route without authentication');
  });
});
