import { Module } from '@nestjs/common';
import { TenantUsageService } from './tenant-usage.service';

/** Quotas and usage: a tenant's limits next to what it has used (operators set limits with `loris admin`). */
@Module({
  providers: [TenantUsageService],
  exports: [TenantUsageService],
})
export class QuotasModule {}
