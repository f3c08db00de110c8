import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MembershipRole } from '@loris/db';
import { tenantOf } from '../tenancy/current-tenant.decorator';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { ForbiddenError, UnauthenticatedError } from '@loris/engine';

/**
 * Installed globally: a handler is reachable only if it says who may call it (@Roles or @Public), so a
 * new resolver without a decision is closed rather than open.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<MembershipRole[] | undefined>(ROLES_KEY, targets);
    const tenant = tenantOf(context);
    if (!tenant) throw new UnauthenticatedError('Log in or send an API key to use this operation');
    if (!roles?.includes(tenant.role)) {
      throw new ForbiddenError(`Your role (${tenant.role}) may not do this; it needs ${describe(roles)}`);
    }
    return true;
  }
}

function describe(roles: MembershipRole[] | undefined): string {
  return roles?.length ? roles.join(' or ') : 'a role nobody has';
}
