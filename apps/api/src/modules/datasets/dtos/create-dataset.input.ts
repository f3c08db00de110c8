import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, Length, MaxLength } from 'class-validator';
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
}
