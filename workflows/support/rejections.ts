import { ApplicationFailure } from '@temporalio/workflow';
import { ERROR_CODES, ErrorCode } from '@ocop/domain';
import type { Actor, Role } from '@ocop/contracts';

/**
 * A refused update: an ApplicationFailure whose type is our stable error code, so the API maps it to the same
 * coded 409/403/400 as any other business error. The workflow state does not change.
 */
export function refuse(code: ErrorCode, details: Record<string, unknown> = {}): never {
  const text = ERROR_CODES[code];
  throw ApplicationFailure.create({ type: code, message: `${text.vi} / ${text.en}`, details: [details], nonRetryable: true });
}

export function requireStage<S extends string>(current: S, ...allowed: readonly S[]): void {
  if (!allowed.includes(current)) refuse('WRONG_STAGE', { stage: current, expected: allowed });
}

export function requireRole(actor: Actor, roles: readonly Role[], bound: boolean, rule: string): void {
  if (actor.role === 'admin') return;
  if (!roles.includes(actor.role) || !bound) refuse('WRONG_ACTOR', { role: actor.role, rule });
}
