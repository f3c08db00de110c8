import { Module } from '@nestjs/common';
import { EvaluationsModule } from '@loris/domain';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsResolver } from './evaluations.resolver';

/** Evaluations' doors: start, cancel, read, compare (GraphQL); the CSV and the muxed sample video (HTTP). */
@Module({
  imports: [EvaluationsModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsResolver],
})
export class EvaluationsApiModule {}
