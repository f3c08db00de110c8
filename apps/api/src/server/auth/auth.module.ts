import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { RequestAuthenticator } from './request-authenticator.service';
import { RolesGuard } from './roles.guard';

/** The API's edge: the authenticator of headers and sockets, rate limits and the global role guard. */
@Global()
@Module({
  providers: [RequestAuthenticator, RateLimiter, { provide: APP_GUARD, useClass: RolesGuard }],
  exports: [RequestAuthenticator, RateLimiter],
})
export class EdgeAuthModule {}
