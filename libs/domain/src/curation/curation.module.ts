import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IngestSegmentHandler } from './jobs/ingest-segment.handler';
import { IngestVideoHandler } from './jobs/ingest-video.handler';
import { SegmentImportsService } from './segment-imports.service';
import { SegmentsService } from './segments.service';
import { VideoUpdates } from './video-updates.service';
import { VideosService } from './videos.service';
import { DatasetVersionsService } from './versions/dataset-versions.service';
import { VersionExportService } from './export/version-export.service';

/**
 * Dataset curation (issue 14): videos added to datasets and their ingest (the API queues, the worker's
 * handler cuts), segment review, frozen versions with their splits, and their exports.
 */
@Module({
  imports: [AuditModule],
  providers: [
    VideosService,
    VideoUpdates,
    SegmentsService,
    DatasetVersionsService,
    VersionExportService,
    IngestVideoHandler,
    SegmentImportsService,
    IngestSegmentHandler,
  ],
  exports: [
    VideosService,
    VideoUpdates,
    SegmentsService,
    DatasetVersionsService,
    VersionExportService,
    IngestVideoHandler,
    SegmentImportsService,
    IngestSegmentHandler,
  ],
})
export class CurationModule {}
