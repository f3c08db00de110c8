import { Module } from '@nestjs/common';
import { GenresModule } from '../genres/genres.module';
import { SoundtrackEvents } from './soundtrack-events.service';
import { SoundtrackJobUpdates } from './soundtrack-job-updates.service';
import { SoundtrackQuotaService } from './soundtrack-quota.service';
import { SoundtracksResolver } from './soundtracks.resolver';
import { SoundtracksService } from './soundtracks.service';

@Module({
  imports: [GenresModule],
  providers: [
    SoundtracksResolver,
    SoundtracksService,
    SoundtrackQuotaService,
    SoundtrackEvents,
    SoundtrackJobUpdates,
  ],
  exports: [SoundtracksService, SoundtrackEvents],
})
export class SoundtracksModule {}
