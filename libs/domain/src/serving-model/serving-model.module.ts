import { Module } from '@nestjs/common';
import { ServingModelService } from './serving-model.service';

@Module({ providers: [ServingModelService], exports: [ServingModelService] })
export class ServingModelModule {}
