import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { OcopError } from '@ocop/domain';
import { fieldRuleViolation } from '../common/validation.pipe';
import { ACCESS_RULE, AuthenticatedRequest, PUBLIC_ROUTE } from './access.decorator';
import { type AccessRule, decide, type Operation, POLICY, roleDenial } from './access.policy';
import { AccessRepository } from './access.repository';
import { AuthService } from './auth.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every request passes here before validation runs: authenticate (401), then the route's operation in the policy
 * table: the caller's role (403), its binding to the resource the route names (403, or 404 if there is no such
 * resource) and what the request asks for (403). A route that declares no operation is refused — an endpoint nobody
 * thought about is closed, not open.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly access: AccessRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const operation = this.reflector.getAllAndOverride<Operation | typeof PUBLIC_ROUTE | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (operation === PUBLIC_ROUTE) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const user = await this.auth.authenticate(request);
    request.user = user;
    if (!operation) throw new OcopError('ACCESS_DENIED', { reason: 'route declares no access rule' });
    const rule: AccessRule = POLICY[operation];
    // The role first: a caller who may not call the route learns nothing about the resource, not even its id's form.
    const denied = roleDenial(user, rule);
    if (denied) throw denied;
    let placed: { resourceId: string; placement: Awaited<ReturnType<AccessRepository['place']>> } | undefined;
    if (rule.resource) {
      const { kind, params } = rule.resource;
      const ids = params.map((name) => String(request.params[name] ?? ''));
      checkIdForm(kind, ids, params);
      placed = { resourceId: ids.join('/'), placement: await this.access.place(kind, ids) };
    }
    const refusal = decide(user, rule, { ...placed, input: { body: request.body, query: request.query } });
    if (refusal) throw refusal;
    return true;
  }
}

/** Ids are checked for their form before validation pipes run, so a malformed id is a 400 naming the param. */
function checkIdForm(kind: string, ids: readonly string[], params: readonly string[]): void {
  if ((kind === 'product' || kind === 'organisation') && !UUID.test(ids[0] ?? ''))
    throw fieldRuleViolation(params[0] ?? 'id', 'isUuid', `${params[0] ?? 'id'} must be a UUID`);
  if (kind === 'cycle' && !/^\d{4}$/.test(ids[1] ?? ''))
    throw fieldRuleViolation(params[1] ?? 'year', 'isInt', `${params[1] ?? 'year'} must be a four-digit year`);
}
