import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UploadsListService } from './uploads-list.service';
import { UploadsService } from './uploads.service';

@Module({
  imports: [AuditModule],
  providers: [UploadsService, UploadsListService],
  exports: [UploadsService, UploadsListService],
})
export class UploadsModule {}
