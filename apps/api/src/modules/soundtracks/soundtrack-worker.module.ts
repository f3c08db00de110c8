import { Module } from '@nestjs/common';
import { GenerateSoundtrackProcessor } from './jobs/generate-soundtrack.processor';
import { SoundtrackEvents } from './soundtrack-events.service';

/** The worker's half of soundtracks: the generate queue's processor. */
@Module({ providers: [GenerateSoundtrackProcessor, SoundtrackEvents] })
export class SoundtrackWorkerModule {}
