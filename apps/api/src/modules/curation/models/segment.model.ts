import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { SegmentView } from '@loris/domain';
import { PageInfo } from '../../../server/graphql/page-info.model';
import { DatasetCategory } from '../../../server/graphql/register-enums';
import { MediaRefModel } from '../../soundtracks/models/soundtrack-job.model';
import { DatasetSplit, SegmentRejectReason, SegmentReviewStatus } from './curation-enums';
import { ItemErrorModel } from './video.model';

@ObjectType('Segment', {
  description: 'A 25 s or 50 s piece of a source video with its files (GET their url) and the curator’s decision',
})
export class SegmentModel implements SegmentView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  datasetId!: string;

  @Field(() => ID)
  videoId!: string;

  @Field(() => Float, { description: 'Where it starts in the source video' })
  startSeconds!: number;

  @Field(() => Int, { description: '25 or 50' })
  lengthSeconds!: number;

  @Field(() => DatasetCategory)
  category!: DatasetCategory;

  @Field(() => String, { nullable: true })
  genre!: string | null;

  @Field(() => SegmentReviewStatus)
  status!: SegmentReviewStatus;

  @Field(() => SegmentRejectReason, { nullable: true })
  reason!: SegmentRejectReason | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => ID, { nullable: true, description: 'The member who decided last' })
  reviewedBy!: string | null;

  @Field(() => ID, { nullable: true, description: 'The API key that decided last' })
  reviewedByApiKey!: string | null;

  @Field(() => Date, { nullable: true })
  reviewedAt!: Date | null;

  @Field(() => [String], { description: 'e.g. no_person: no one was found in most frames (then no rhythm)' })
  flags!: string[];

  @Field(() => DatasetSplit, {
    nullable: true,
    description: 'The authors’ list (or manifest split) an imported segment came from; null for ingested ones',
  })
  sourceSplit!: DatasetSplit | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Sync cue: strict onset F-measure (±70 ms, 0 to 1) of the audio onsets against the visual rhythm peaks; null without rhythm',
  })
  syncFMeasure!: number | null;

  @Field(() => MediaRefModel, { nullable: true, description: 'The source video; play it from startSeconds' })
  video!: MediaRefModel | null;

  @Field(() => MediaRefModel, { description: '22050 Hz mono WAV' })
  audio!: MediaRefModel;

  @Field(() => MediaRefModel, { nullable: true, description: 'COCO-17 poses, {fps, keypoints} JSON' })
  poses!: MediaRefModel | null;

  @Field(() => MediaRefModel, { nullable: true, description: 'pose-kinematics-v1 features, float32 .npy [frames, 68]' })
  poseFeatures!: MediaRefModel | null;

  @Field(() => MediaRefModel, { nullable: true, description: 'Visual rhythm (paper variant) JSON: envelope and peak times' })
  visualRhythm!: MediaRefModel | null;

  @Field(() => MediaRefModel, { nullable: true, description: 'Audio onset times and beats per second, JSON' })
  onsets!: MediaRefModel | null;

  @Field(() => MediaRefModel, { nullable: true, description: 'Precomputed I3D features, when imported' })
  i3dFeatures!: MediaRefModel | null;

  @Field(() => MediaRefModel, { nullable: true, description: 'A JPEG frame from the middle of the segment' })
  thumbnail!: MediaRefModel | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class SegmentEdge {
  @Field()
  cursor!: string;

  @Field(() => SegmentModel)
  node!: SegmentModel;
}

@ObjectType({ description: 'A page of a dataset’s segments, in the order they were cut' })
export class SegmentConnection {
  @Field(() => [SegmentEdge])
  edges!: SegmentEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('ReviewedSegment', { description: 'One segment of reviewSegments: as decided, or why it was not' })
export class ReviewedSegmentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => SegmentModel, { nullable: true })
  segment!: SegmentModel | null;

  @Field(() => ItemErrorModel, { nullable: true, description: 'NOT_FOUND, or FROZEN: in a frozen version' })
  error!: ItemErrorModel | null;
}
