import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { MediaService } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { HttpAppErrorFilter } from '../../server/http/app-error.filter';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { parseRangeHeader } from './byte-range';

/** GET /v1/media/:id: a tenant's artifact, whole or one byte range, with its media type. */
@Roles(...ANY_ROLE)
@UseFilters(HttpAppErrorFilter)
@Controller('v1/media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Get(':id')
  async download(
    @CurrentTenant() caller: TenantContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const artifact = await this.media.find(caller, id);
    const size = artifact.bytes;
    const range = parseRangeHeader(req.headers.range, size);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', artifact.mediaType);
    res.setHeader('ETag', `"${artifact.sha256}"`);
    if (range === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${size}`).end();
      return;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    if (range) res.status(206).setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
    res.setHeader('Content-Length', String(size === 0 ? 0 : end - start + 1));
    if (size === 0) return void res.end();
    await pipeline(await this.media.open(artifact, { start, end }), res);
  }
}
