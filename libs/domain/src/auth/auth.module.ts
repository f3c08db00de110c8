import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthService } from './auth.service';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';

/** Sign-up, login, sessions and password changes (needs the engine's CredentialsModule). */
@Module({
  imports: [AuditModule],
  providers: [AuthService, SessionsService, PasswordService],
  exports: [AuthService, SessionsService, PasswordService],
})
export class AuthModule {}
