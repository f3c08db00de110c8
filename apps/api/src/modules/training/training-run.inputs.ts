import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TrainingBackend } from '@loris/db';
import { TrainingConfigPreset } from './training-run.model';

@InputType('TrainingOverrideInput')
export class TrainingOverrideInput {
  @Field({ description: 'A dotted key of the trainer’s config (`python3 -m loris_trainer config-schema`)' })
  @IsString()
  @MaxLength(100, { message: 'an override key is at most 100 characters' })
  key!: string;

  @Field({ description: 'The value: a number, true/false, text, or a JSON list' })
  @IsString()
  @MaxLength(2000, { message: 'an override value is at most 2000 characters' })
  value!: string;
}

@InputType('StartTrainingRunInput')
export class StartTrainingRunInput {
  @Field(() => ID, { description: 'A frozen dataset version with a train split' })
  @IsString()
  datasetVersionId!: string;

  @Field(() => TrainingConfigPreset)
  @IsEnum(TrainingConfigPreset)
  config!: TrainingConfigPreset;

  @Field(() => [TrainingOverrideInput], {
    nullable: true,
    description: 'Checked against the trainer’s config schema',
  })
  @IsOptional()
  @ArrayMaxSize(100, { message: 'at most 100 overrides' })
  @ValidateNested({ each: true })
  @Type(() => TrainingOverrideInput)
  overrides?: TrainingOverrideInput[] | null;

  @Field(() => Int, { description: 'Total steps, 1 to 1000000' })
  @IsInt()
  @Min(1, { message: 'steps must be a whole number from 1 to 1000000' })
  @Max(1_000_000, { message: 'steps must be a whole number from 1 to 1000000' })
  steps!: number;

  @Field(() => TrainingBackend)
  @IsEnum(TrainingBackend)
  backend!: TrainingBackend;

  @Field(() => ID, { nullable: true, description: 'Continue from this run’s last checkpoint' })
  @IsOptional()
  @IsString()
  resumeFromRunId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The model to register the result under (default "trained")',
  })
  @IsOptional()
  @IsString()
  modelName?: string | null;
}
