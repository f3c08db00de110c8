import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { MAX_REVIEW_IDS, MAX_VIDEOS_PER_CALL } from '@loris/domain';
import { DatasetCategory } from '../../../server/graphql/register-enums';
import { PageArgs } from '../../../server/graphql/page.args';
import {
  DatasetSplit,
  DatasetSplitBy,
  ReviewDecision,
  SegmentRejectReason,
  SegmentReviewStatus,
} from '../models/curation-enums';

@ArgsType()
export class AddVideosArgs {
  @Field(() => ID)
  @IsString()
  datasetId!: string;

  @Field(() => [ID], { description: `Uploads (POST /v1/uploads) of videos, 1 to ${MAX_VIDEOS_PER_CALL}` })
  @ArrayMinSize(1, { message: `uploadIds must list 1 to ${MAX_VIDEOS_PER_CALL} uploads` })
  @ArrayMaxSize(MAX_VIDEOS_PER_CALL, { message: `uploadIds must list 1 to ${MAX_VIDEOS_PER_CALL} uploads` })
  @IsString({ each: true })
  uploadIds!: string[];
}

@InputType({ description: 'One precomputed segment: its uploaded parts and what is known of it' })
export class ImportSegmentInput {
  @Field({ description: 'Its name in the source (file stem, manifest id), shown as its video’s name' })
  @IsString()
  name!: string;

  @Field(() => Int, { description: '25 or 50, one of the dataset’s segment lengths' })
  @IsInt()
  lengthSeconds!: number;

  @Field(() => ID, { description: 'A WAV upload (any rate: the job makes it 22050 Hz mono)' })
  @IsString()
  audioUploadId!: string;

  @Field(() => ID, {
    description: 'A pose-track upload ({fps, keypoints}) as long as the segment; taken as given',
  })
  @IsString()
  posesUploadId!: string;

  @Field(() => ID, { nullable: true, description: 'An I3D features upload (.npy, frames × 1024)' })
  @IsOptional()
  @IsString()
  i3dUploadId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  genre?: string | null;

  @Field(() => DatasetSplit, {
    nullable: true,
    description: 'The authors’ list it came from: freezeDatasetVersion splitBy SOURCE keeps it',
  })
  @IsOptional()
  @IsEnum(DatasetSplit)
  sourceSplit?: DatasetSplit | null;
}

@ArgsType()
export class ImportSegmentsArgs {
  @Field(() => ID)
  @IsString()
  datasetId!: string;

  @Field(() => [ImportSegmentInput], { description: `1 to ${MAX_VIDEOS_PER_CALL} segments` })
  @ArrayMinSize(1, { message: `items must list 1 to ${MAX_VIDEOS_PER_CALL} segments` })
  @ArrayMaxSize(MAX_VIDEOS_PER_CALL, { message: `items must list 1 to ${MAX_VIDEOS_PER_CALL} segments` })
  @ValidateNested({ each: true })
  @Type(() => ImportSegmentInput)
  items!: ImportSegmentInput[];
}

@ArgsType()
export class DatasetPageArgs extends PageArgs {
  @Field(() => ID)
  @IsString()
  datasetId!: string;
}

@InputType()
export class SegmentFilterInput {
  @Field(() => SegmentReviewStatus, { nullable: true })
  @IsOptional()
  @IsEnum(SegmentReviewStatus)
  status?: SegmentReviewStatus | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  genre?: string | null;

  @Field(() => Int, { nullable: true, description: '25 or 50' })
  @IsOptional()
  @IsIn([25, 50], { message: 'length must be 25 or 50' })
  length?: number | null;

  @Field(() => DatasetCategory, { nullable: true })
  @IsOptional()
  @IsEnum(DatasetCategory)
  category?: DatasetCategory | null;

  @Field(() => String, { nullable: true, description: 'Only segments with this flag, e.g. no_person' })
  @IsOptional()
  @IsString()
  flag?: string | null;
}

@ArgsType()
export class SegmentsArgs extends DatasetPageArgs {
  @Field(() => SegmentFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SegmentFilterInput)
  filter?: SegmentFilterInput | null;
}

@InputType()
export class ReviewSegmentsInput {
  @Field(() => [ID], { description: `1 to ${MAX_REVIEW_IDS} segments` })
  @ArrayMinSize(1, { message: `ids must list 1 to ${MAX_REVIEW_IDS} segments` })
  @ArrayMaxSize(MAX_REVIEW_IDS, { message: `ids must list 1 to ${MAX_REVIEW_IDS} segments` })
  @IsString({ each: true })
  ids!: string[];

  @Field(() => ReviewDecision)
  @IsEnum(ReviewDecision)
  decision!: ReviewDecision;

  @Field(() => SegmentRejectReason, { nullable: true, description: 'Required to reject' })
  @IsOptional()
  @IsEnum(SegmentRejectReason)
  reason?: SegmentRejectReason | null;

  @Field(() => String, { nullable: true, description: 'Required with reason OTHER; up to 2000 characters' })
  @IsOptional()
  @IsString()
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Sets the genre of every segment decided' })
  @IsOptional()
  @IsString()
  genre?: string | null;
}

@InputType()
export class SplitRatiosInput {
  @Field(() => Float)
  @IsNumber()
  train!: number;

  @Field(() => Float)
  @IsNumber()
  valid!: number;

  @Field(() => Float)
  @IsNumber()
  test!: number;
}

@InputType()
export class FreezeDatasetVersionInput {
  @Field(() => Float, { description: 'An integer from 0 to 4294967295' })
  @IsNumber()
  splitSeed!: number;

  @Field(() => DatasetSplitBy, { defaultValue: DatasetSplitBy.VIDEO })
  @IsEnum(DatasetSplitBy)
  splitBy!: DatasetSplitBy;

  @Field(() => SplitRatiosInput, { nullable: true, description: 'Default 0.9 / 0.05 / 0.05' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SplitRatiosInput)
  ratios?: SplitRatiosInput | null;
}
