import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ServingModelModule } from '../serving-model/serving-model.module';
import { ModelAliasesService } from './model-aliases.service';
import { ModelRegistryService } from './model-registry.service';
import { ServingVersions } from './serving-versions.service';

/** The model registry (issue 15): models, versions, aliases, and which version serves a request. */
@Module({
  imports: [AuditModule, ServingModelModule],
  providers: [ModelRegistryService, ModelAliasesService, ServingVersions],
  exports: [ModelRegistryService, ModelAliasesService, ServingVersions],
})
export class ModelsModule {}
