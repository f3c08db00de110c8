import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ModelsModule } from '../models/models.module';
import { ServingModelModule } from '../serving-model/serving-model.module';
import { GenerationThreads } from '../serving-model/generation-threads.service';
import { GenerateSoundtrackHandler } from './jobs/generate-soundtrack.handler';
import { SoundtrackQuotaService } from './soundtrack-quota.service';
import { SoundtrackUpdates } from './soundtrack-updates.service';
import { SoundtracksService } from './soundtracks.service';

/** Soundtrack jobs: requests, quotas and updates (the API), and the generate handler (the worker). */
@Module({
  imports: [AuditModule, ServingModelModule, ModelsModule],
  providers: [
    SoundtracksService,
    SoundtrackQuotaService,
    SoundtrackUpdates,
    GenerationThreads,
    GenerateSoundtrackHandler,
  ],
  // GenerationThreads: the worker preloads the serving model and reports it in its readiness.
  exports: [SoundtracksService, SoundtrackUpdates, GenerateSoundtrackHandler, GenerationThreads],
})
export class SoundtracksModule {}
