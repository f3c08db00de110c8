import { Injectable } from '@nestjs/common';
import { PrepareRatingCampaignHandler } from '@loris/domain';
import {
  FinalFailure,
  JobProcessor,
  JobRun,
  PREPARE_RATING_CAMPAIGN,
  PrepareRatingCampaignJobData,
} from '@loris/engine';

@Injectable()
export class PrepareRatingCampaignProcessor implements JobProcessor<PrepareRatingCampaignJobData> {
  readonly job = PREPARE_RATING_CAMPAIGN;

  constructor(private readonly handler: PrepareRatingCampaignHandler) {}

  process(data: PrepareRatingCampaignJobData, run: JobRun): Promise<void> {
    return this.handler.handle(data, run);
  }

  onFinalFailure(data: PrepareRatingCampaignJobData, failure: FinalFailure): Promise<void> {
    return this.handler.onFinalFailure(data, failure);
  }
}
