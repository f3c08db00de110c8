import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { MembersResolver } from './members.resolver';
import { MembersService } from './members.service';

@Module({ imports: [AuthModule, AuditModule], providers: [MembersResolver, MembersService] })
export class MembersModule {}
