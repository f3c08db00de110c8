import { Module } from '@nestjs/common';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { SessionsService } from './sessions.service';

@Module({
  providers: [AuthResolver, AuthService, SessionsService],
  exports: [SessionsService],
})
export class AuthModule {}
