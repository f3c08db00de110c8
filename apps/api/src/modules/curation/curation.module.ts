import { Module } from '@nestjs/common';
import { CurationModule } from '@loris/domain';
import { DatasetVersionsResolver } from './dataset-versions.resolver';
import { SegmentsResolver } from './segments.resolver';
import { VideosResolver } from './videos.resolver';

/** Dataset curation's doors: videos and their ingest, segment review, frozen versions. */
@Module({ imports: [CurationModule], providers: [VideosResolver, SegmentsResolver, DatasetVersionsResolver] })
export class CurationApiModule {}
