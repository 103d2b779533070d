import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '@ocop/identity';
import { deterministicUuid } from '@ocop/persistence';

/**
 * Who is calling and which retry-safe request this is: all a service needs of the HTTP request. Built by `@Call()`
 * from what AccessGuard (the actor) and IdempotencyInterceptor (the scope) put on the request; services never see
 * Express.
 */
export interface CallContext {
  readonly actor: AuthUser;
  /** `<actor>:POST <path>:<Idempotency-Key>` when the request carried an Idempotency-Key. */
  readonly idempotencyScope?: string;
  /** The request's id (X-Request-Id, or the one the logger gave it): the log lines and the update id share it. */
  readonly requestId?: string;
}

/** What a request may create or record. Each purpose is a namespace: one request derives a different id for each. */
export type IdPurpose =
  | 'product'
  | 'session'
  | 'organisation'
  | 'organisation-registered'
  | 'organisation-contact-changed'
  | 'organisation-placed'
  | 'user-created'
  | 'user-rebound'
  | 'api-key-issued'
  | 'api-key-revoked'
  | 'notification-read'
  | 'certificate-decision'
  | 'holiday-schedule'
  | 'province-holidays'
  | 'user-disabled'
  | 'user-enabled';

/**
 * The id of what a call creates or records: derived from its Idempotency-Key when it has one, so a retry that gets
 * past the stored response creates and records nothing new (same entity, hence same workflow id; same event id,
 * hence no second append); a fresh random id otherwise. The namespaces are the ones stored ids were derived with.
 */
export function idFor(call: CallContext, purpose: IdPurpose): string {
  return call.idempotencyScope ? deterministicUuid(`ocop-flow:${purpose}`, call.idempotencyScope) : randomUUID();
}

/**
 * The Temporal update id of a call: derived from its Idempotency-Key when it has one (a retried request runs its step
 * once); else `req:<request id>`, so the update is found from the request's log line; else fresh. The client sends
 * every attempt of one call with this one id, so a transient refusal retried never runs the step twice.
 */
export function updateIdFor(call: CallContext): string {
  if (call.idempotencyScope) return deterministicUuid('ocop-flow:update', call.idempotencyScope);
  return call.requestId ? `req:${call.requestId}` : randomUUID();
}

/** The request fields a CallContext is built from (set by AccessGuard and IdempotencyInterceptor). */
export interface CallRequest {
  user?: AuthUser;
  idempotencyScope?: string;
  /** Set by the request logger (pino-http) from X-Request-Id or a fresh id. */
  id?: unknown;
}

export function callContextOf(request: CallRequest): CallContext {
  if (!request.user) throw new Error('@Call() used on a route without authentication');
  return {
    actor: request.user,
    ...(request.idempotencyScope ? { idempotencyScope: request.idempotencyScope } : {}),
    ...(typeof request.id === 'string' ? { requestId: request.id } : {}),
  };
}

/** The caller and its idempotency scope, for a service method that acts on the caller's behalf. */
export const Call = createParamDecorator((_: unknown, context: ExecutionContext): CallContext =>
  callContextOf(context.switchToHttp().getRequest<CallRequest>()),
);
