import { Module } from '@nestjs/common';
import { CurationModule } from '../../curation/curation.module';
import { TrainingModule } from '../training.module';
import { KubernetesTrainingModule } from './kubernetes-training.module';
import { TrainingReportService } from './training-report.service';

/** The API's side of KUBERNETES runs: what their pods report and fetch with the run's token. */
@Module({
  imports: [TrainingModule, CurationModule, KubernetesTrainingModule],
  providers: [TrainingReportService],
  exports: [TrainingReportService],
})
export class TrainingReportModule {}
