import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { VideoView } from '@loris/domain';
import { PageInfo } from '../../../server/graphql/page-info.model';
import { VideoStatus } from './curation-enums';

@ObjectType('Video', { description: 'A source video of a dataset: what the probe found and where its ingest stands' })
export class VideoModel implements VideoView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  datasetId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The uploaded file’s name, or an imported segment’s name in its source (file stem, manifest id)',
  })
  name!: string | null;

  @Field(() => ID, { nullable: true, description: 'The upload it came from; null for an imported segment' })
  sourceUploadId!: string | null;

  @Field(() => String, { nullable: true, description: 'Path of GET /v1/media/:id of the source video' })
  sourceUrl!: string | null;

  @Field(() => VideoStatus)
  status!: VideoStatus;

  @Field(() => Float, { description: 'From 0 to 1 over the video’s segments' })
  progress!: number;

  @Field(() => Float, { nullable: true })
  durationSeconds!: number | null;

  @Field(() => Float, { nullable: true })
  fps!: number | null;

  @Field(() => Int, { nullable: true })
  width!: number | null;

  @Field(() => Int, { nullable: true })
  height!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Null until probed' })
  hasAudio!: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it FAILED, for programs: NO_AUDIO, TOO_SHORT, TOO_LONG, TOO_LARGE, MEDIA_CORRUPT, ...',
  })
  failureCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it FAILED, in words' })
  failureReason!: string | null;

  @Field(() => Int, { description: 'Segments written so far' })
  segmentCount!: number;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType()
export class VideoEdge {
  @Field()
  cursor!: string;

  @Field(() => VideoModel)
  node!: VideoModel;
}

@ObjectType({ description: 'A page of a dataset’s videos, newest first' })
export class VideoConnection {
  @Field(() => [VideoEdge])
  edges!: VideoEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('ItemError', { description: 'Why one item of a batch was not done; the rest of the batch went on' })
export class ItemErrorModel {
  @Field()
  code!: string;

  @Field()
  message!: string;
}

@ObjectType('AddedVideo', { description: 'One upload of addVideosToDataset: its video, or why it was not added' })
export class AddedVideoModel {
  @Field(() => ID)
  uploadId!: string;

  @Field(() => VideoModel, { nullable: true })
  video!: VideoModel | null;

  @Field(() => ItemErrorModel, { nullable: true })
  error!: ItemErrorModel | null;
}

@ObjectType('ImportedSegment', {
  description: 'One item of importSegments: the video it became (its segment comes when its job ends), or why not',
})
export class ImportedSegmentModel {
  @Field()
  name!: string;

  @Field(() => VideoModel, { nullable: true })
  video!: VideoModel | null;

  @Field(() => ItemErrorModel, { nullable: true })
  error!: ItemErrorModel | null;
}
