import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RaterDirectory } from '@loris/db';
import { AuditModule } from '../audit/audit.module';
import { ModelsModule } from '../models/models.module';
import { SoundtracksModule } from '../soundtracks/soundtracks.module';
import { PrepareRatingCampaignHandler } from './jobs/prepare-rating-campaign.handler';
import { RaterService } from './rater.service';
import { RatingCampaignsService } from './rating-campaigns.service';
import { RatingResultsService } from './rating-results.service';

/**
 * MOS campaigns (issue 17): the owner's campaigns and scores (the API), the rater's session (the API's
 * rater routes) and the prepare job (the worker), which generates on SoundtracksModule's GenerationThreads,
 * the very threads soundtrack jobs use.
 */
@Module({
  imports: [AuditModule, ModelsModule, SoundtracksModule],
  providers: [
    RatingCampaignsService,
    RatingResultsService,
    RaterService,
    PrepareRatingCampaignHandler,
    { provide: RaterDirectory, inject: [DataSource], useFactory: (ds: DataSource) => new RaterDirectory(ds) },
  ],
  exports: [RatingCampaignsService, RatingResultsService, RaterService, PrepareRatingCampaignHandler],
})
export class RatingsModule {}
