import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { SessionClient } from '@loris/domain';
import { requestOf } from '../../server/tenancy/request-of';

/**
 * Where a new session comes from: the User-Agent header and the client's address (Express' req.ip, which
 * honours API_TRUST_PROXY). Unknown over the WebSocket, whose operations carry no HTTP request.
 */
export const RequestClient = createParamDecorator((_: unknown, context: ExecutionContext): SessionClient => {
  const req = requestOf(context) as Partial<Request>;
  return {
    userAgent: typeof req.header === 'function' ? (req.header('user-agent') ?? null) : null,
    ip: req.ip ?? null,
  };
});
