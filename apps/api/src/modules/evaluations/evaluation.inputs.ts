import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsOptional, IsString, Max, Min } from 'class-validator';
import { DatasetSplit } from '@loris/db';
import type { EvaluationRequest, EvaluationSampleSort } from '@loris/domain';
import { MAX_PAGE_SIZE } from '../../server/graphql/page-info.model';
import { PageArgs } from '../../server/graphql/page.args';

export enum EvaluationSampleSortField {
  CREATED = 'CREATED',
  BCS = 'BCS',
  BHS = 'BHS',
  F1 = 'F1',
  ONSET_F = 'ONSET_F',
  RHYTHM_F = 'RHYTHM_F',
  GENERATE_SECONDS = 'GENERATE_SECONDS',
  SCORE_SECONDS = 'SCORE_SECONDS',
}
registerEnumType(EvaluationSampleSortField, { name: 'EvaluationSampleSort' });

@InputType('StartEvaluationInput')
export class StartEvaluationInput implements EvaluationRequest {
  @Field(() => [ID], { description: 'The versions to compare, 1 to 8' })
  @ArrayMinSize(1, { message: 'modelVersionIds must name at least one version' })
  @ArrayMaxSize(8, { message: 'modelVersionIds may name at most 8 versions' })
  modelVersionIds!: string[];

  @Field(() => ID, { description: 'A frozen dataset version' })
  @IsString()
  datasetVersionId!: string;

  @Field(() => DatasetSplit, { nullable: true, description: 'Default TEST' })
  @IsOptional()
  split?: DatasetSplit | null;

  @Field(() => String, { nullable: true, description: 'Default: the first version’s card sampler' })
  @IsOptional()
  sampler?: string | null;

  @Field(() => Int, { nullable: true, description: '1 to 1000; default: the card’s' })
  @IsOptional()
  steps?: number | null;

  @Field(() => Float, { nullable: true, description: '>= 0; default: the card’s' })
  @IsOptional()
  guidance?: number | null;

  @Field(() => [Int], {
    nullable: true,
    description: 'One sample per seed per segment and version; default [0]',
  })
  @IsOptional()
  @ArrayMaxSize(16, { message: 'seeds may hold at most 16 seeds' })
  seeds?: number[] | null;
}

@ArgsType()
export class EvaluationSamplesArgs {
  @Field(() => [ID], { description: 'One or more evaluations (the compare page passes all it compares)' })
  @ArrayMinSize(1, { message: 'ids must name at least one evaluation' })
  @ArrayMaxSize(20, { message: 'ids may name at most 20 evaluations' })
  ids!: string[];

  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}` })
  @Min(1, { message: `first must be between 1 and ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `first must be between 1 and ${MAX_PAGE_SIZE}` })
  first!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  after?: string;

  @Field(() => EvaluationSampleSortField, { defaultValue: EvaluationSampleSortField.CREATED })
  @IsIn(Object.values(EvaluationSampleSortField))
  sort!: EvaluationSampleSort;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Highest first' })
  @IsOptional()
  @IsBoolean()
  descending?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only this segment’s samples (to listen across versions)' })
  @IsOptional()
  segmentId?: string;
}

@ArgsType()
export class EvaluationsPageArgs extends PageArgs {}
