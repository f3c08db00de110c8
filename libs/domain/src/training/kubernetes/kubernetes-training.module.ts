import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loris/engine';
import { KUBERNETES_TRAINING_RUNNER } from '../jobs/train-model.handler';
import { LazyKubernetesTrainingRunner } from './kubernetes-training-runner.provider';
import { TrainingExportStore } from './training-export-store';

/**
 * The KUBERNETES training backend for the train job's handler (KUBERNETES_TRAINING_RUNNER) and the store
 * of the models its pods export. Imported by TrainingModule.
 */
@Module({
  providers: [
    TrainingExportStore,
    {
      provide: KUBERNETES_TRAINING_RUNNER,
      useFactory: (config: AppConfig, exports: TrainingExportStore) =>
        new LazyKubernetesTrainingRunner(config, exports),
      inject: [APP_CONFIG, TrainingExportStore],
    },
  ],
  exports: [TrainingExportStore, KUBERNETES_TRAINING_RUNNER],
})
export class KubernetesTrainingModule {}
