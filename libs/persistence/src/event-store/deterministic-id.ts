import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout, SHA-1 of a namespace and a name) that is the same every time for the same name: an
 * event id derived this way makes a repeated append a no-op (the event store is idempotent by event id), and a
 * retried request derives the same entity id, so Temporal's workflow-id uniqueness dedupes it.
 */
export function deterministicUuid(namespace: string, name: string): string {
  const bytes = createHash('sha1').update(namespace).update('\u0000').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
