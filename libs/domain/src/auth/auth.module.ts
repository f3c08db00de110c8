import { Module } from '@nestjs/common';
import { AuthService } from './auth.service';
import { SessionsService } from './sessions.service';

/** Sign-up, login and sessions (needs the engine's CredentialsModule). */
@Module({ providers: [AuthService, SessionsService], exports: [AuthService, SessionsService] })
export class AuthModule {}
