import { Module } from '@nestjs/common';
import { EvaluationsModule, RatingsModule } from '@loris/domain';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsResolver } from './evaluations.resolver';

/**
 * Evaluations' doors: start, cancel, read, compare (GraphQL, with the MOS of rating campaigns); the CSV and
 * the muxed sample video (HTTP).
 */
@Module({
  imports: [EvaluationsModule, RatingsModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsResolver],
})
export class EvaluationsApiModule {}
