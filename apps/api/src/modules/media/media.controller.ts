import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { ArtifactEntity, isUuid, TenantUnitOfWork } from '@loris/db';
import { BlobStore } from '@loris/storage';
import { ANY_ROLE, Roles } from '../../engine/auth/roles.decorator';
import { NotFoundError } from '../../engine/errors/app-error';
import { HttpAppErrorFilter } from '../../engine/http/app-error.filter';
import { BLOB_STORE } from '../../engine/storage/storage.module';
import { CurrentTenant } from '../../engine/tenancy/current-tenant.decorator';
import { TenantContext } from '../../engine/tenancy/tenant-context';
import { parseRangeHeader } from './byte-range';

class MediaNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Media ${id} was not found`);
  }
}

/** GET /v1/media/:id: a tenant's artifact, whole or one byte range, with its media type. */
@Roles(...ANY_ROLE)
@UseFilters(HttpAppErrorFilter)
@Controller('v1/media')
export class MediaController {
  constructor(
    private readonly uow: TenantUnitOfWork,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  @Get(':id')
  async download(
    @CurrentTenant() caller: TenantContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!isUuid(id)) throw new MediaNotFoundError(id);
    // Row-level security: another tenant's id finds nothing, the same 404 as a missing one.
    const artifact = await this.uow.run(caller.tenantId, (m) => m.findOneBy(ArtifactEntity, { id }));
    if (!artifact) throw new MediaNotFoundError(id);
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
    await pipeline(await this.store.createReadStream(artifact.sha256, { start, end }), res);
  }
}
