import {
  AuditModule,
  CurationModule,
  EvaluationsModule,
  RatingsModule,
  SoundtrackReaperModule,
  SoundtracksModule,
  TrainingModule,
} from '@loris/domain';
import { EvaluateModelProcessor } from './evaluate-model.processor';
import { GenerateSoundtrackProcessor } from './generate-soundtrack.processor';
import { IngestSegmentProcessor } from './ingest-segment.processor';
import { IngestVideoProcessor } from './ingest-video.processor';
import { PrepareRatingCampaignProcessor } from './prepare-rating-campaign.processor';
import { RecordAuditEventProcessor } from './record-audit-event.processor';
import { TrainModelProcessor } from './train-model.processor';

/**
 * Every job this worker processes: one processor per job definition of @loris/engine's registry, and the
 * domain modules whose handlers they call. A new job adds one line to each list.
 */
export const PROCESSORS = [
  RecordAuditEventProcessor,
  GenerateSoundtrackProcessor,
  IngestVideoProcessor,
  IngestSegmentProcessor,
  EvaluateModelProcessor,
  TrainModelProcessor,
  PrepareRatingCampaignProcessor,
];

// The reaper rides along: it sweeps for jobs the queue can no longer finish, a worker's duty.
export const PROCESSOR_DOMAINS = [
  AuditModule,
  SoundtracksModule,
  SoundtrackReaperModule,
  CurationModule,
  EvaluationsModule,
  TrainingModule,
  RatingsModule,
];
