import { Module } from '@nestjs/common';
import { ModelsModule } from '@loris/domain';
import { ServingModelResolver } from './serving-model.resolver';

@Module({ imports: [ModelsModule], providers: [ServingModelResolver] })
export class ServingModelApiModule {}
