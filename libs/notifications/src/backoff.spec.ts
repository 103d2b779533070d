import { afterFailure, assertRetryPolicy, DEFAULT_RETRY_POLICY, retryDelayMs } from './backoff';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('retryDelayMs (defaults: 10 s doubling, at most 1 h)', () => {
  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [4, 80_000],
    [5, 160_000],
    [6, 320_000],
    [7, 640_000],
    [8, 1_280_000],
    [9, 2_560_000],
    [10, 3_600_000],
    [11, 3_600_000],
    [2000, 3_600_000],
  ])('after %p failed attempts waits %p ms', (attempts, delay) => {
    expect(retryDelayMs(attempts)).toBe(delay);
  });

  it('follows the policy it is given', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, { baseDelayMs: 1_000, maxDelayMs: 5_000, maxAttempts: 10 }))).toEqual([
      1_000, 2_000, 4_000, 5_000,
    ]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p attempts', (attempts) => {
    expect(() => retryDelayMs(attempts)).toThrow(RangeError);
  });
});

describe('afterFailure (default: dead after 8 attempts)', () => {
  const now = new Date('2025-01-01T00:00:00.000Z');

  it.each([
    [1, '2025-01-01T00:00:10.000Z'],
    [2, '2025-01-01T00:00:20.000Z'],
    [3, '2025-01-01T00:00:40.000Z'],
    [7, '2025-01-01T00:10:40.000Z'],
  ])('attempt %p failed: try again at %p', (attempts, next) => {
    expect(afterFailure(attempts, now)).toEqual({ status: 'pending', nextAttemptAt: new Date(next) });
  });

  it.each([8, 9])('attempt %p failed: dead', (attempts) => {
    expect(afterFailure(attempts, now)).toEqual({ status: 'dead' });
  });

  it('gives up after a single attempt when maxAttempts is 1', () => {
    expect(afterFailure(1, now, { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 })).toEqual({ status: 'dead' });
  });

  it.each([
    { baseDelayMs: -1, maxDelayMs: 10, maxAttempts: 3 },
    { baseDelayMs: 10, maxDelayMs: 5, maxAttempts: 3 },
    { baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 0 },
  ])('refuses the policy %p', (policy) => {
    expect(() => assertRetryPolicy(policy)).toThrow(RangeError);
  });
});

describe('webhook signature', () => {
  const secret = 'a-secret-of-16-chars-or-more';
  const body = '{"deliveryId":"k","template":"certificate-expired"}';

  it('is the hex HMAC-SHA256 of the exact body', () => {
    // echo -n '{"deliveryId":"k","template":"certificate-expired"}' | openssl dgst -sha256 -hmac 'a-secret-of-16-chars-or-more'
    expect(signWebhookBody(secret, body)).toBe('sha256=404d9ab2468231fe8ded431a74ebed88abb6e3c6d1288b26c16d52856828f563');
  });

  it.each([
    [body, true],
    [body.replace('expired', 'expirEd'), false],
    [`${body} `, false],
  ])('verifies %p: %p', (received, valid) => {
    expect(verifyWebhookSignature(secret, received, signWebhookBody(secret, body))).toBe(valid);
  });

  it('refuses a missing or foreign signature', () => {
    expect(verifyWebhookSignature(secret, body, undefined)).toBe(false);
    expect(verifyWebhookSignature(secret, body, signWebhookBody('another-secret-of-16-chars', body))).toBe(false);
  });
});
