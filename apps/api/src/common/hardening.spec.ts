import { OcopError } from '@ocop/domain';
import { toErrorBody } from './error.filter';
import { jsonNestsDeeperThan } from './http-hardening';
import { canonicalJson } from './idempotency.interceptor';
import { isDatabaseUnavailable } from './outages';
import { isTransientTemporalRefusal, retryTransientRefusals } from './temporal-errors';
import { delayAfter } from './throttle.store';

describe('jsonNestsDeeperThan', () => {
  it.each([
    ['{}', 1, false],
    ['{"a":[1,{"b":2}]}', 3, false],
    ['{"a":[1,{"b":2}]}', 2, true],
    ['"[[[[[[[["', 1, false], // brackets inside a string do not nest
    ['{"a":"\\"[[[["}', 1, false], // nor after an escaped quote
    [`${'['.repeat(3000)}${']'.repeat(3000)}`, 32, true],
  ])('%s deeper than %p: %p', (text, max, deeper) => {
    expect(jsonNestsDeeperThan(Buffer.from(text), max)).toBe(deeper);
  });
});

describe('canonicalJson', () => {
  it('is the same for the same fields in any order, at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson(null)).toBe('null');
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), true],
    [
      {
        name: 'QueryFailedError',
        message: 'x',
        driverError: { code: '57P01', message: 'terminating connection due to administrator command' },
      },
      true,
    ],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('timeout exceeded when trying to connect'), true],
    [{ name: 'QueryFailedError', message: 'invalid input syntax for type timestamp', driverError: { code: '22007' } }, false],
    [new Error('something else'), false],
  ])('%p → %p', (error, unavailable) => {
    expect(isDatabaseUnavailable(error)).toBe(unavailable);
  });

  it('makes the error filter answer 503 DATABASE_UNAVAILABLE with a retry time', () => {
    expect(toErrorBody(new Error('Connection terminated unexpectedly'))).toMatchObject({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      details: { retryAfterSeconds: 5 },
    });
  });
});

describe('brakes and refusals in HTTP', () => {
  it.each([
    ['LOGIN_THROTTLED', 429],
    ['ACCOUNT_LOCKED', 429],
    ['TOO_MANY_REQUESTS', 429],
    ['METHOD_NOT_ALLOWED', 405],
    ['PAYLOAD_TOO_LARGE', 413],
    ['DATABASE_UNAVAILABLE', 503],
  ] as const)('%s is %p', (code, status) => {
    expect(toErrorBody(new OcopError(code)).statusCode).toBe(status);
  });
});

describe('transient Temporal refusals', () => {
  const grpc = (code: number, message: string) => Object.assign(new Error(message), { code });
  it.each([
    [
      new Error('Workflow Update failed', {
        cause: grpc(8, '8 RESOURCE_EXHAUSTED: limit on number of concurrent in-flight updates has been reached (10)'),
      }),
      true,
    ],
    [grpc(14, '14 UNAVAILABLE: connect ECONNREFUSED'), true],
    [new Error('UnprocessedUpdate: update was not processed by the workflow'), true],
    [grpc(5, '5 NOT_FOUND: workflow not found'), false],
    [new OcopError('WRONG_STAGE'), false],
  ])('%p → %p', (error, transient) => {
    expect(isTransientTemporalRefusal(error)).toBe(transient);
  });

  it('retries them within the budget, and gives up on anything else at once', async () => {
    let calls = 0;
    await expect(
      retryTransientRefusals(async () => {
        calls += 1;
        if (calls < 3) throw grpc(8, 'RESOURCE_EXHAUSTED');
        return 'done';
      }),
    ).resolves.toBe('done');
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      retryTransientRefusals(async () => {
        calls += 1;
        throw new OcopError('WRONG_STAGE');
      }),
    ).rejects.toMatchObject({ code: 'WRONG_STAGE' });
    expect(calls).toBe(1);
  });
});

describe('delayAfter: free attempts, doubling delays, a lock', () => {
  const policy = { freeAttempts: 5, firstDelayMs: 1000, lockAfter: 10, lockSeconds: 900 };
  it.each([
    [1, 0],
    [4, 0],
    [5, 1000],
    [6, 2000],
    [9, 16000],
    [10, 900_000],
    [25, 900_000],
  ])('after %p failures the next try waits %p ms', (attempts, ms) => {
    expect(delayAfter(attempts, policy)).toBe(ms);
  });

  it('caps an address’s delays at the lock time when it has no lock', () => {
    expect(delayAfter(40, { freeAttempts: 20, firstDelayMs: 1000, lockSeconds: 900 })).toBe(900_000);
  });
});
