import { Module } from '@nestjs/common';
import { MediaModule } from '@loris/domain';
import { MediaController } from './media.controller';

@Module({ imports: [MediaModule], controllers: [MediaController] })
export class MediaApiModule {}
