import { Module } from '@nestjs/common';
import { GenresResolver } from './genres.resolver';
import { ServingModelService } from './serving-model.service';

@Module({ providers: [GenresResolver, ServingModelService], exports: [ServingModelService] })
export class GenresModule {}
