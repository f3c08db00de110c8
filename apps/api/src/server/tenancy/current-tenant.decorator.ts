import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { requestOf } from './request-of';
import { TenantContext, UnauthenticatedError } from '@loris/engine';

export function tenantOf(context: ExecutionContext): TenantContext | undefined {
  return requestOf(context).tenant;
}

/** The caller's tenant context; throws UNAUTHENTICATED when the request carries none. */
export const CurrentTenant = createParamDecorator((_: unknown, context: ExecutionContext): TenantContext => {
  const tenant = tenantOf(context);
  if (!tenant) throw new UnauthenticatedError('Log in or send an API key to use this operation');
  return tenant;
});
