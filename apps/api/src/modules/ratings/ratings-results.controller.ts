import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import { Response } from 'express';
import { RatingResultsService } from '@loris/domain';
import { BadUserInputError, TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { HttpAppErrorFilter } from '../../server/http/app-error.filter';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';

/**
 * GET /v1/rating-campaigns/:id/results.csv?shape=condition|clip: the P.808 toolkit's votes_per_cond and
 * votes_per_clip files (condition_name / file_url, n, MOS, std, 95%CI) over the counted sessions.
 */
@Roles(...ANY_ROLE)
@UseFilters(HttpAppErrorFilter)
@Controller('v1/rating-campaigns')
export class RatingResultsController {
  constructor(private readonly results: RatingResultsService) {}

  @Get(':id/results.csv')
  async csv(
    @CurrentTenant() caller: TenantContext,
    @Param('id') id: string,
    @Query('shape') shape: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const chosen = shape ?? 'condition';
    if (chosen !== 'condition' && chosen !== 'clip')
      throw new BadUserInputError('shape must be condition or clip');
    const text = await this.results.csv(caller, id, chosen);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="votes_per_${chosen === 'clip' ? 'clip' : 'cond'}.csv"`,
    );
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(text);
  }
}
