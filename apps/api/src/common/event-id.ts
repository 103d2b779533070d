import { randomUUID } from 'node:crypto';
import { deterministicUuid } from './deterministic-id';
import type { IdempotentRequest } from './idempotency.interceptor';

/** The id of the fact a request records: derived from its Idempotency-Key when it has one, so a retry stores nothing new. */
export const eventIdFor = (request: IdempotentRequest, purpose: string): string =>
  request.idempotencyScope ? deterministicUuid(`ocop-flow:${purpose}`, request.idempotencyScope) : randomUUID();
