import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { DatasetSplit, RatingSystemKind } from '@loris/db';
import type {
  CampaignItemsInput,
  CampaignSystemInput,
  CampaignUploadItemInput,
  CreateCampaignInput,
  ScoredUploadInput,
} from '@loris/domain';

@InputType()
export class RatingSystemInput implements CampaignSystemInput {
  @Field({ description: 'Your name for it (unique in the campaign); raters never see it' })
  @IsString()
  label!: string;

  @Field(() => RatingSystemKind)
  @IsEnum(RatingSystemKind)
  kind!: RatingSystemKind;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  modelVersionId?: string | null;

  @Field(() => String, { nullable: true, description: "Default: the model card's" })
  @IsOptional()
  @IsString()
  sampler?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  steps?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  guidance?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  seed?: number | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      "BASELINE: one uploaded WAV per item, in the items' order (a split's: ratingItemSegments' order)",
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  baselineUploadIds?: string[] | null;
}

@InputType()
export class RatingUploadItemInput implements CampaignUploadItemInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  posesUploadId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The ground truth' })
  @IsOptional()
  @IsString()
  audioUploadId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'An upload of kind VIDEO: the picture of every clip of the item under AUDIO_VIDEO',
  })
  @IsOptional()
  @IsString()
  videoUploadId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  genre?: string | null;

  @Field(() => Float)
  @IsNumber()
  seconds!: number;
}

@InputType()
export class RatingItemsInput implements CampaignItemsInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  datasetVersionId?: string | null;

  @Field(() => DatasetSplit, { nullable: true })
  @IsOptional()
  @IsEnum(DatasetSplit)
  split?: DatasetSplit | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The split's first this many segments in ratingItemSegments' order (default 50, at most 500)",
  })
  @IsOptional()
  @IsInt()
  limit?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "With datasetVersionId: each segment's first this many seconds (default the whole segment)",
  })
  @IsOptional()
  @IsNumber()
  seconds?: number | null;

  @Field(() => [RatingUploadItemInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RatingUploadItemInput)
  uploads?: RatingUploadItemInput[] | null;
}

@InputType()
export class ScoredUploadInputType implements ScoredUploadInput {
  @Field(() => ID)
  @IsString()
  uploadId!: string;

  @Field(() => Int)
  @IsInt()
  expectedScore!: number;
}

@InputType()
export class RatingScreeningInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  traps?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  gold?: boolean;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  goldTolerance?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  tooFast?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  sameAnswer?: boolean;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  minPearsonR?: number;
}

@InputType()
export class CreateRatingCampaignInput implements CreateCampaignInput {
  @Field()
  @IsString()
  name!: string;

  @Field(() => String, { nullable: true, description: "Default: P.808's overall-quality question" })
  @IsOptional()
  @IsString()
  question?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Five answers, 1 (worst) first; default Bad ... Excellent',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  labels?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: "AUDIO (default) or AUDIO_VIDEO (each clip on its item's video; every item needs one)",
  })
  @IsOptional()
  @IsString()
  presentation?: 'AUDIO' | 'AUDIO_VIDEO' | null;

  @Field(() => Int, { nullable: true, description: 'Default 10' })
  @IsOptional()
  @IsInt()
  votesPerClip?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default 12' })
  @IsOptional()
  @IsInt()
  clipsPerSession?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default 1' })
  @IsOptional()
  @IsInt()
  trapsPerSession?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default 1 when gold clips are given' })
  @IsOptional()
  @IsInt()
  goldPerSession?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'A silent session releases its clips after this; default 60',
  })
  @IsOptional()
  @IsInt()
  sessionTimeoutMinutes?: number | null;

  @Field(() => RatingScreeningInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RatingScreeningInput)
  screening?: RatingScreeningInput | null;

  @Field(() => [RatingSystemInput])
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RatingSystemInput)
  systems!: RatingSystemInput[];

  @Field(() => RatingItemsInput)
  @ValidateNested()
  @Type(() => RatingItemsInput)
  items!: RatingItemsInput;

  @Field(() => [ScoredUploadInputType], { nullable: true })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ScoredUploadInputType)
  gold?: ScoredUploadInputType[] | null;

  @Field(() => [ScoredUploadInputType], {
    nullable: true,
    description: 'Training anchors shown with their score',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ScoredUploadInputType)
  anchors?: ScoredUploadInputType[] | null;
}
