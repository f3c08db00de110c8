import { Controller, Get, Logger, Param, Query, Res, UseFilters } from '@nestjs/common';
import { Response } from 'express';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { comparisonCsv, EvaluationMediaService, EvaluationReader } from '@loris/domain';
import { BadUserInputError, TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { HttpAppErrorFilter } from '../../server/http/app-error.filter';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';

/**
 * GET /v1/evaluations/compare.csv?ids=A,B (or ids=A&ids=B): the comparison table as CSV, the same rows and
 * best marks as the GraphQL evaluationComparison. GET /v1/evaluations/samples/:id/video.mp4?audio=
 * generated|ground-truth: the segment's video with that audio muxed in. The WAVs themselves are artifacts
 * (GET /v1/media/:id). Same auth as every /v1 route; refusals are JSON.
 */
@Roles(...ANY_ROLE)
@UseFilters(HttpAppErrorFilter)
@Controller('v1/evaluations')
export class EvaluationsController {
  private readonly logger = new Logger(EvaluationsController.name);

  constructor(
    private readonly reader: EvaluationReader,
    private readonly media: EvaluationMediaService,
  ) {}

  @Get('compare.csv')
  async compareCsv(
    @CurrentTenant() caller: TenantContext,
    @Query('ids') ids: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const list = (Array.isArray(ids) ? ids : [ids])
      .filter((id): id is string => typeof id === 'string')
      .flatMap((id) => id.split(','))
      .map((id) => id.trim())
      .filter(Boolean);
    if (list.length === 0) throw new BadUserInputError('Give ids=ID,ID... of the evaluations to compare');
    const csv = comparisonCsv(await this.reader.comparison(caller.tenantId, list));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="evaluation-comparison.csv"');
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(csv);
  }

  @Get('samples/:id/video.mp4')
  async sampleVideo(
    @CurrentTenant() caller: TenantContext,
    @Param('id') id: string,
    @Query('audio') audio: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const which = audio === undefined || audio === 'generated' ? 'generated' : audio;
    if (which !== 'generated' && which !== 'ground-truth') {
      throw new BadUserInputError('audio must be "generated" or "ground-truth"');
    }
    const muxed = await this.media.muxSample(caller, id, which);
    try {
      res.setHeader('Content-Type', 'video/mp4');
      res.setHeader('Content-Length', String((await stat(muxed.path)).size));
      res.setHeader('Content-Disposition', `inline; filename="${muxed.fileName}"`);
      res.setHeader('Cache-Control', 'private, no-store');
      await pipeline(createReadStream(muxed.path), res);
    } catch (error) {
      this.logger.warn(`video of evaluation sample ${id} aborted: ${(error as Error).message}`);
      res.destroy();
    } finally {
      await muxed.dispose();
    }
  }
}
