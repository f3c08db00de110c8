import { Module } from '@nestjs/common';
import { AuditModule } from '@loris/domain';
import { AuditResolver } from './audit.resolver';

@Module({ imports: [AuditModule], providers: [AuditResolver] })
export class AuditApiModule {}
