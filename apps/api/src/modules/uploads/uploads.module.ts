import { Module } from '@nestjs/common';
import { UploadsModule } from '@loris/domain';
import { UploadsController } from './uploads.controller';
import { UploadsResolver } from './uploads.resolver';

@Module({ imports: [UploadsModule], controllers: [UploadsController], providers: [UploadsResolver] })
export class UploadsApiModule {}
