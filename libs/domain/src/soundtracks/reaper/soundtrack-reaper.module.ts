import { Module } from '@nestjs/common';
import { SoundtracksModule } from '../soundtracks.module';
import { SoundtrackReaper } from './soundtrack-reaper.service';

/** The worker's sweep for soundtrack jobs left unfinished (imported by the worker only, never the API). */
@Module({ imports: [SoundtracksModule], providers: [SoundtrackReaper] })
export class SoundtrackReaperModule {}
