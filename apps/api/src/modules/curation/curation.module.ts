import { Module } from '@nestjs/common';
import { CurationModule } from '@loris/domain';
import { DatasetVersionExportController } from './dataset-version-export.controller';
import { DatasetVersionsResolver } from './dataset-versions.resolver';
import { SegmentsResolver } from './segments.resolver';
import { VideosResolver } from './videos.resolver';

/** Dataset curation's doors: videos and their ingest, segment review, frozen versions and their export. */
@Module({
  imports: [CurationModule],
  controllers: [DatasetVersionExportController],
  providers: [VideosResolver, SegmentsResolver, DatasetVersionsResolver],
})
export class CurationApiModule {}
