import { Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import { Request } from 'express';
import { MembershipRole } from '@loris/db';
import { Roles } from '../../server/auth/roles.decorator';
import { HttpAppErrorFilter } from '../../server/http/app-error.filter';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { UploadResult, uploadFileName, UploadsService } from '@loris/domain';
import { TenantContext } from '@loris/engine';

/**
 * POST /v1/uploads: the raw file as the request body (any Content-Type; the kind is read from the bytes).
 * Its name, optional, in the `X-File-Name` header, percent-encoded UTF-8 (encodeURIComponent): kept to show
 * on the job page and to name downloads, never to decide anything.
 */
@Roles(MembershipRole.OWNER, MembershipRole.ENGINEER, MembershipRole.CURATOR)
@UseFilters(HttpAppErrorFilter)
@Controller('v1/uploads')
export class UploadsController {
  constructor(private readonly service: UploadsService) {}

  @Post()
  @HttpCode(201)
  upload(@CurrentTenant() caller: TenantContext, @Req() req: Request): Promise<UploadResult> {
    const declared = Number(req.headers['content-length']);
    return this.service.upload(
      caller,
      req,
      Number.isFinite(declared) ? declared : undefined,
      uploadFileName(req.headers['x-file-name']),
    );
  }
}
