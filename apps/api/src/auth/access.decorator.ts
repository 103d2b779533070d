import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser, UserRole } from '@ocop/identity';
import { ApiErrorBody } from '../common/api-error';

/** What a route's resource is, and which route parameters name it. */
export type ResourceKind = 'product' | 'organisation' | 'session' | 'labRequest' | 'inspection' | 'certificate' | 'cycle' | 'notification';

export interface AccessRule {
  /** Roles that may call the route at all. */
  readonly roles: readonly UserRole[];
  /** The resource the caller must be bound to (checked by AccessService), and the route params that name it. */
  readonly resource?: { readonly kind: ResourceKind; readonly params: readonly string[] };
  /** The rule in words, for the OpenAPI description. */
  readonly rule: string;
}

export const ACCESS_RULE = 'ocop:access-rule';
export const PUBLIC_ROUTE = 'public';

/** The route's role rule. A route without @Access or @Public is refused to everyone (closed by default). */
export const Access = (rule: AccessRule) =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, rule),
    ApiBearerAuth(),
    ApiSecurity('api-key'),
    ApiExtension('x-ocop-access', { roles: rule.roles, rule: rule.rule }),
    ApiUnauthorizedResponse({ type: ApiErrorBody, description: 'No token, or an invalid or expired one (UNAUTHENTICATED).' }),
    ApiForbiddenResponse({ type: ApiErrorBody, description: `Not allowed (ACCESS_DENIED): ${rule.rule}` }),
  );

/** No authentication: the public certificate verification, health, login. */
export const Public = () => applyDecorators(SetMetadata(ACCESS_RULE, PUBLIC_ROUTE), ApiExtension('x-ocop-access', { roles: ['public'], rule: 'public, no authentication' }));

export interface AuthenticatedRequest {
  user?: AuthUser;
}

/** The authenticated caller (set by AccessGuard). */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without authentication');
  return user;
});
