import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { MemberAdminService } from './member-admin.service';
import { MembersService } from './members.service';

@Module({
  imports: [AuditModule, AuthModule],
  providers: [MembersService, MemberAdminService],
  exports: [MembersService, MemberAdminService],
})
export class MembersModule {}
