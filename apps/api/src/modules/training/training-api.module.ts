import { Module } from '@nestjs/common';
import { ModelsModule, TrainingModule, TrainingReportModule } from '@loris/domain';
import { TrainingReportController } from './training-report.controller';
import { TrainingResolver } from './training.resolver';

/**
 * Training runs' doors: start, cancel, and the run page's queries; and the report routes of KUBERNETES
 * runs' pods (TrainingReportController, opened by the run's token).
 */
@Module({
  imports: [TrainingModule, ModelsModule, TrainingReportModule],
  providers: [TrainingResolver],
  controllers: [TrainingReportController],
})
export class TrainingApiModule {}
