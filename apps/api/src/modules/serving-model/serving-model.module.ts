import { Module } from '@nestjs/common';
import { ServingModelModule } from '@loris/domain';
import { ServingModelResolver } from './serving-model.resolver';

@Module({ imports: [ServingModelModule], providers: [ServingModelResolver] })
export class ServingModelApiModule {}
