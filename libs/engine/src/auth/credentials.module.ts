import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PasswordHasher } from './password-hasher';
import { SessionTokens } from './session-token';

/** Session tokens and password hashing, configured once: the auth and members domains and the API edge use them. */
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
  ],
  exports: [SessionTokens, PasswordHasher],
})
export class CredentialsModule {}
