import { Module } from '@nestjs/common';
import { RatingsModule } from '@loris/domain';
import { RaterController } from './rater.controller';
import { RaterRateLimit } from './rater-rate-limit.guard';
import { RatingResultsController } from './ratings-results.controller';
import { RatingResultsResolver, RatingsResolver } from './ratings.resolver';

/** MOS campaigns' doors: the owner's GraphQL and CSV, and the rater pages' routes under /rate/api. */
@Module({
  imports: [RatingsModule],
  controllers: [RaterController, RatingResultsController],
  providers: [RatingsResolver, RatingResultsResolver, RaterRateLimit],
})
export class RatingsApiModule {}
