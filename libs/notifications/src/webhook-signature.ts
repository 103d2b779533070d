import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Ocop-Signature';
export const DELIVERY_HEADER = 'X-Ocop-Delivery';

/** The `X-Ocop-Signature` value for a raw request body: `sha256=<hex HMAC-SHA256 of the body with the secret>`. */
export function signWebhookBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** For receivers: whether a signature header matches the exact raw body (constant-time comparison). */
export function verifyWebhookSignature(secret: string, rawBody: string | Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, rawBody));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
