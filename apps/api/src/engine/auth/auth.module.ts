import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { PasswordHasher } from './password-hasher';
import { RequestAuthenticator } from './request-authenticator.service';
import { RolesGuard } from './roles.guard';
import { SessionTokens } from './session-token';

/** Authentication plumbing of the API: tokens, hashing, the edge authenticator and the global role guard. */
@Global()
@Module({
  providers: [
    {
      provide: SessionTokens,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new SessionTokens(config.auth.tokenSecret, config.auth.tokenTtlSeconds),
    },
    {
      provide: PasswordHasher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new PasswordHasher(config.auth.passwordHash),
    },
    RequestAuthenticator,
    RateLimiter,
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [SessionTokens, PasswordHasher, RequestAuthenticator, RateLimiter],
})
export class AuthEngineModule {}
