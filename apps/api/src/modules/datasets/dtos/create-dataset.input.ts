import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsIn,
  IsOptional,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DatasetCategory } from '../../../server/graphql/register-enums';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

@InputType()
export class CreateDatasetInput {
  @Field({ description: '1 to 100 characters, unique within the tenant' })
  @trim()
  @Length(1, 100, { message: 'name must be between 1 and 100 characters long' })
  name!: string;

  @Field(() => DatasetCategory)
  @IsEnum(DatasetCategory, {
    message: `category must be one of ${Object.values(DatasetCategory).join(', ')}`,
  })
  category!: DatasetCategory;

  @Field({ defaultValue: '', description: 'Up to 2000 characters' })
  @trim()
  @MaxLength(2000, { message: 'description must be at most 2000 characters long' })
  description!: string;

  @Field(() => [Int], {
    nullable: true,
    description:
      'Segment lengths to cut, 25, 50 or both; default 25 for DANCE, both for sports (the paper’s)',
  })
  @IsOptional()
  @ArrayMinSize(1, { message: 'segmentLengths must list 25, 50 or both' })
  @ArrayMaxSize(2, { message: 'segmentLengths must list 25, 50 or both' })
  @IsIn([25, 50], { each: true, message: 'segmentLengths must list 25, 50 or both' })
  segmentLengths?: number[] | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Pose rate of the ingest, above 0 and at most 60; default the serving model’s (16 in the paper’s configs)',
  })
  @IsOptional()
  @Min(0.001, { message: 'poseFps must be above 0 and at most 60' })
  @Max(60, { message: 'poseFps must be above 0 and at most 60' })
  poseFps?: number | null;
}
