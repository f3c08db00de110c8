import { Module } from '@nestjs/common';
import { UploadsModule } from '@loris/domain';
import { UploadsController } from './uploads.controller';

@Module({ imports: [UploadsModule], controllers: [UploadsController] })
export class UploadsApiModule {}
