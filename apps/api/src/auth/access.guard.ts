import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { OcopError } from '@ocop/domain';
import { ACCESS_RULE, AccessRule, AuthenticatedRequest, PUBLIC_ROUTE } from './access.decorator';
import { AccessService } from './access.service';
import { AuthService } from './auth.service';

/**
 * Every request passes here before validation runs: authenticate (401), check the route's roles (403), then the
 * caller's binding to the resource the route names (403, or 404 if there is no such resource). A route that
 * declares no rule is refused — an endpoint nobody thought about is closed, not open.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly access: AccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | typeof PUBLIC_ROUTE | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (rule === PUBLIC_ROUTE) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const user = await this.auth.authenticate(request);
    request.user = user;
    if (!rule) throw new OcopError('ACCESS_DENIED', { reason: 'route declares no access rule' });
    if (!rule.roles.includes(user.role)) throw new OcopError('ACCESS_DENIED', { role: user.role, allowed: rule.roles, rule: rule.rule });
    if (rule.resource) {
      const ids = rule.resource.params.map((name) => String(request.params[name] ?? ''));
      await this.access.requireAccess(user, rule.resource.kind, ids, rule.resource.params);
    }
    return true;
  }
}
