import { Module } from '@nestjs/common';
import { SoundtracksModule } from '@loris/domain';
import { SoundtracksResolver } from './soundtracks.resolver';

@Module({ imports: [SoundtracksModule], providers: [SoundtracksResolver] })
export class SoundtracksApiModule {}
