import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ModelsModule } from '../models/models.module';
import { ServingModelModule } from '../serving-model/serving-model.module';
import { SoundtracksModule } from '../soundtracks/soundtracks.module';
import { EvaluationMediaService } from './evaluation-media.service';
import { EvaluationReader } from './evaluation-reader';
import { EvaluationUpdates } from './evaluation-updates.service';
import { EvaluationsService } from './evaluations.service';
import { EvaluateModelHandler } from './jobs/evaluate-model.handler';

/**
 * Evaluations (issue 15): start, cancel and read them (the API), and the evaluate handler (the worker). The
 * handler generates on SoundtracksModule's GenerationThreads, the very threads soundtrack jobs use.
 */
@Module({
  imports: [AuditModule, ServingModelModule, ModelsModule, SoundtracksModule],
  providers: [
    EvaluationsService,
    EvaluationReader,
    EvaluationUpdates,
    EvaluationMediaService,
    EvaluateModelHandler,
  ],
  exports: [
    EvaluationsService,
    EvaluationReader,
    EvaluationUpdates,
    EvaluationMediaService,
    EvaluateModelHandler,
  ],
})
export class EvaluationsModule {}
