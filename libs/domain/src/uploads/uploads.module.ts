import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UploadsService } from './uploads.service';

@Module({ imports: [AuditModule], providers: [UploadsService], exports: [UploadsService] })
export class UploadsModule {}
