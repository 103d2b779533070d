import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { OcopError } from '@ocop/domain';
import { fieldRuleViolation } from './validation.pipe';
import { IDEMPOTENCY_RENEW_MS, IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const REDACT_FROM_REPLAY = 'ocop:redact-from-replay';

/** Response fields never stored for replays (secrets shown once, such as an issued API key). */
export const RedactFromReplay = (...fields: string[]) => SetMetadata(REDACT_FROM_REPLAY, fields);
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest extends Request {
  /** `<actor>:<route>:<key>` when the request carried an Idempotency-Key. */
  idempotencyScope?: string;
}

/**
 * `Idempotency-Key` on a POST: the first response is stored and replayed to every retry with the same key and
 * body; the same key with another body is refused; nothing runs twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (!VALID_KEY.test(key)) {
      throw fieldRuleViolation(IDEMPOTENCY_HEADER, 'isIdempotencyKey', `${IDEMPOTENCY_HEADER} must be 1–255 visible ASCII characters`);
    }
    const response = context.switchToHttp().getResponse<Response>();
    const redact = this.reflector.get<string[] | undefined>(REDACT_FROM_REPLAY, context.getHandler()) ?? [];
    return from(this.handle(request, response, key, next, redact));
  }

  private async handle(
    request: IdempotentRequest,
    response: Response,
    key: string,
    next: CallHandler,
    redact: readonly string[],
  ): Promise<unknown> {
    // Keys are per user: two users choosing the same key never see each other's responses.
    const actor = (request as IdempotentRequest & { user?: { userId: string } }).user?.userId ?? 'anonymous';
    const scope = `${actor}:POST ${request.path}:${key}`; // the concrete path: the same key on two products is two requests
    // Canonical JSON (keys sorted at every level): the same fields sent in another order are the same request.
    const requestHash = createHash('sha256')
      .update(canonicalJson(request.body ?? null))
      .digest('hex');
    const claim = await this.store.claim(scope, requestHash);
    switch (claim.kind) {
      case 'mismatch':
        throw new OcopError('IDEMPOTENCY_KEY_REUSED', { header: IDEMPOTENCY_HEADER });
      case 'in_progress':
        throw new OcopError('IDEMPOTENCY_IN_PROGRESS', { header: IDEMPOTENCY_HEADER });
      case 'replay':
        response.status(claim.status).setHeader('Idempotent-Replayed', 'true');
        return claim.body;
      case 'claimed':
        break;
    }
    request.idempotencyScope = scope;
    const lease = setInterval(() => {
      this.store.renew(scope).catch((error: unknown) => this.logger.warn(`could not renew the claim on ${scope}: ${String(error)}`));
    }, IDEMPOTENCY_RENEW_MS);
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const stored =
        redact.length && body && typeof body === 'object'
          ? Object.fromEntries(Object.entries(body).filter(([field]) => !redact.includes(field)))
          : body;
      await this.store.complete(scope, response.statusCode, stored);
      return body;
    } catch (error) {
      // With PostgreSQL gone the release fails too; the lease then runs out on its own.
      await this.store.release(scope).catch(() => undefined);
      throw error;
    } finally {
      clearInterval(lease);
    }
  }
}

/** JSON with every object's keys sorted, so equal bodies hash equally whatever order their fields came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
