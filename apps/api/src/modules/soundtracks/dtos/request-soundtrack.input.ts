import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { SoundtrackRequest } from '@loris/domain';
import { MAX_REQUEST_SECONDS } from '@loris/inference';
import { ModelSelectorInput } from '../../models/dtos/model-selector.input';

@InputType()
export class RequestSoundtrackInput implements SoundtrackRequest {
  @Field(() => ID, {
    nullable: true,
    description: 'An upload of kind POSES; exactly one of the two upload ids',
  })
  @IsOptional()
  posesUploadId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'An upload of kind VIDEO; exactly one of the two upload ids',
  })
  @IsOptional()
  videoUploadId?: string;

  @Field({ description: 'One of `genres`' })
  @IsString()
  genre!: string;

  @Field(() => Float, {
    nullable: true,
    description: "Length in seconds; default the input's own length, capped by servingModel's maxSeconds",
  })
  @IsOptional()
  @Min(0.1, { message: 'seconds must be at least 0.1' })
  @Max(MAX_REQUEST_SECONDS, { message: `seconds must be at most ${MAX_REQUEST_SECONDS}` })
  seconds?: number;

  @Field(() => Float, { nullable: true, description: 'Non-negative integer; random when left out' })
  @IsOptional()
  seed?: number;

  @Field(() => Int, { nullable: true, description: "Sampler steps; default the model's" })
  @IsOptional()
  steps?: number;

  @Field({ nullable: true, description: "adpm2, euler, heun or dpmpp-2m; default the model's" })
  @IsOptional()
  sampler?: string;

  @Field(() => Float, { nullable: true, description: "Classifier-free guidance scale; default the model's" })
  @IsOptional()
  guidance?: number;

  @Field({
    nullable: true,
    description: 'A retry with the same key returns the same job instead of a new one',
  })
  @IsOptional()
  @Length(1, 200, { message: 'idempotencyKey must be 1 to 200 characters' })
  idempotencyKey?: string;

  @Field(() => ModelSelectorInput, {
    nullable: true,
    description:
      'The model version or alias to serve it; default the `production` alias, else the built-in model',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ModelSelectorInput)
  model?: ModelSelectorInput;
}
