import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { MembersService } from './members.service';

@Module({ imports: [AuditModule, AuthModule], providers: [MembersService], exports: [MembersService] })
export class MembersModule {}
