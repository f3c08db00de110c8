import { Module } from '@nestjs/common';
import { AuthModule } from '@loris/domain';
import { AuthResolver } from './auth.resolver';
import { SessionsResolver } from './sessions.resolver';

@Module({ imports: [AuthModule], providers: [AuthResolver, SessionsResolver] })
export class AuthApiModule {}
