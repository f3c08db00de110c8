import { Controller, Get, Logger, Param, Query, Res, UseFilters } from '@nestjs/common';
import { Response } from 'express';
import { VersionExportService } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { HttpAppErrorFilter } from '../../server/http/app-error.filter';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';

/**
 * GET /v1/dataset-versions/:id/export.tar?format=manifest|loris: a frozen version as a tar, streamed as it
 * is read from storage. Refusals (unknown format, missing, unfrozen or another workspace's version) are
 * JSON before any byte; once streaming has begun, a failure aborts the connection, so the client sees a
 * broken download and never a shorter tar that looks complete.
 */
@Roles(...ANY_ROLE)
@UseFilters(HttpAppErrorFilter)
@Controller('v1/dataset-versions')
export class DatasetVersionExportController {
  private readonly logger = new Logger(DatasetVersionExportController.name);

  constructor(private readonly exports: VersionExportService) {}

  @Get(':id/export.tar')
  async download(
    @CurrentTenant() caller: TenantContext,
    @Param('id') id: string,
    @Query('format') format: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const prepared = await this.exports.prepare(caller, id, format);
    res.setHeader('Content-Type', 'application/x-tar');
    res.setHeader('Content-Disposition', `attachment; filename="${prepared.fileName}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Export-Examples', String(prepared.plan.summary.examples));
    try {
      await prepared.writeTar(res);
    } catch (error) {
      this.logger.error(
        `export of dataset version ${id} (${String(format)}) aborted: ${(error as Error).message}`,
      );
      res.destroy();
    }
  }
}
