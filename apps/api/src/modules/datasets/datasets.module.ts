import { Module } from '@nestjs/common';
import { DatasetsModule } from '@loris/domain';
import { DatasetsResolver } from './datasets.resolver';

@Module({ imports: [DatasetsModule], providers: [DatasetsResolver] })
export class DatasetsApiModule {}
