import { Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import { Request } from 'express';
import { MembershipRole } from '@loris/db';
import { Roles } from '../../server/auth/roles.decorator';
import { HttpAppErrorFilter } from '../../server/http/app-error.filter';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { UploadResult, UploadsService } from '@loris/domain';
import { TenantContext } from '@loris/engine';

/** POST /v1/uploads: the raw file as the request body (any Content-Type; the kind is read from the bytes). */
@Roles(MembershipRole.OWNER, MembershipRole.ENGINEER, MembershipRole.CURATOR)
@UseFilters(HttpAppErrorFilter)
@Controller('v1/uploads')
export class UploadsController {
  constructor(private readonly service: UploadsService) {}

  @Post()
  @HttpCode(201)
  upload(@CurrentTenant() caller: TenantContext, @Req() req: Request): Promise<UploadResult> {
    const declared = Number(req.headers['content-length']);
    return this.service.upload(caller, req, Number.isFinite(declared) ? declared : undefined);
  }
}
