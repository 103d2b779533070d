import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser } from '@ocop/identity';
import { ApiErrorBody } from '../common/api-error';
import { type Operation, POLICY } from './access.policy';

export const ACCESS_RULE = 'ocop:access-rule';
export const PUBLIC_ROUTE = 'public';

/**
 * The route is the operation of that name in the policy table (access.policy.ts), which says who may call it. A route
 * without @Access or @Public is refused to everyone (closed by default).
 */
export const Access = (operation: Operation) => {
  const rule = POLICY[operation];
  return applyDecorators(
    SetMetadata(ACCESS_RULE, operation),
    ApiBearerAuth(),
    ApiSecurity('api-key'),
    ApiExtension('x-ocop-access', { operation, roles: rule.roles, rule: rule.rule }),
    ApiUnauthorizedResponse({ type: ApiErrorBody, description: 'No token, or an invalid or expired one (UNAUTHENTICATED).' }),
    ApiForbiddenResponse({ type: ApiErrorBody, description: `Not allowed (ACCESS_DENIED): ${rule.rule}` }),
  );
};

/** No authentication: the public certificate verification, health, login. */
export const Public = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, PUBLIC_ROUTE),
    ApiExtension('x-ocop-access', { roles: ['public'], rule: 'public, no authentication' }),
  );

export interface AuthenticatedRequest {
  user?: AuthUser;
}

/** The authenticated caller (set by AccessGuard), for reads; a method that acts for the caller takes `@Call()`. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without authentication');
  return user;
});
