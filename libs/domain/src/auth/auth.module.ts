import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthService } from './auth.service';
import { SessionsService } from './sessions.service';

/** Sign-up, login and sessions (needs the engine's CredentialsModule). */
@Module({
  imports: [AuditModule],
  providers: [AuthService, SessionsService],
  exports: [AuthService, SessionsService],
})
export class AuthModule {}
