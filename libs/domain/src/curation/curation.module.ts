import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IngestVideoHandler } from './jobs/ingest-video.handler';
import { SegmentsService } from './segments.service';
import { VideoUpdates } from './video-updates.service';
import { VideosService } from './videos.service';
import { DatasetVersionsService } from './versions/dataset-versions.service';

/**
 * Dataset curation (issue 14): videos added to datasets and their ingest (the API queues, the worker's
 * handler cuts), segment review, and frozen versions with their splits.
 */
@Module({
  imports: [AuditModule],
  providers: [VideosService, VideoUpdates, SegmentsService, DatasetVersionsService, IngestVideoHandler],
  exports: [VideosService, VideoUpdates, SegmentsService, DatasetVersionsService, IngestVideoHandler],
})
export class CurationModule {}
