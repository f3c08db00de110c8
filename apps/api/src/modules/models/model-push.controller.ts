import { Controller, HttpCode, Inject, Param, Post, Req, UseFilters } from '@nestjs/common';
import { Request } from 'express';
import { MembershipRole } from '@loris/db';
import { ModelRegistryService, ModelVersionView } from '@loris/domain';
import { APP_CONFIG, AppConfig, TenantContext } from '@loris/engine';
import { Roles } from '../../server/auth/roles.decorator';
import { HttpAppErrorFilter } from '../../server/http/app-error.filter';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';

/**
 * POST /v1/models/:name/versions: a model folder as one tar body (model.json and the files it names), as
 * `loris models push` sends it. One request per version, not one upload per file, so the whole version is
 * checked before any of it is stored and a refused push leaves no blob and no row; POST /v1/uploads would
 * store each file first and sniff model.json as a pose track.
 */
@Roles(MembershipRole.OWNER, MembershipRole.ENGINEER)
@UseFilters(HttpAppErrorFilter)
@Controller('v1/models')
export class ModelPushController {
  constructor(
    private readonly registry: ModelRegistryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(':name/versions')
  @HttpCode(201)
  push(
    @CurrentTenant() caller: TenantContext,
    @Param('name') name: string,
    @Req() req: Request,
  ): Promise<ModelVersionView> {
    return this.registry.registerTar(caller, name, req, this.config.uploads.maxBytes);
  }
}
