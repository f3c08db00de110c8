import { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestWithTenant } from './request-with-tenant';

/** The HTTP request behind a GraphQL resolver or an HTTP handler. */
export function requestOf(context: ExecutionContext): RequestWithTenant {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: RequestWithTenant }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithTenant>();
}
