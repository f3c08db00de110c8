import { Module } from '@nestjs/common';
import { ModelsModule } from '@loris/domain';
import { ModelPushController } from './model-push.controller';
import { ModelAliasesResolver, ModelsResolver } from './models.resolver';

/** The model registry's doors: the GraphQL queries and alias moves, and the push route. */
@Module({ imports: [ModelsModule], controllers: [ModelPushController], providers: [ModelsResolver, ModelAliasesResolver] })
export class ModelsApiModule {}
