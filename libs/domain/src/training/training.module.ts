import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CurationModule } from '../curation/curation.module';
import { ModelsModule } from '../models/models.module';
import { KubernetesTrainingModule } from './kubernetes/kubernetes-training.module';
import { TrainModelHandler } from './jobs/train-model.handler';
import { TrainingEventsService } from './training-events.service';
import { TrainingRunsService } from './training-runs.service';

/**
 * Training runs (issue 15): starting, cancelling and reading them (the API), the train job's handler
 * (the worker), and the recording of trainer events any backend reports (TrainingEventsService).
 */
@Module({
  imports: [AuditModule, CurationModule, ModelsModule, KubernetesTrainingModule],
  providers: [TrainingRunsService, TrainingEventsService, TrainModelHandler],
  exports: [TrainingRunsService, TrainingEventsService, TrainModelHandler],
})
export class TrainingModule {}
