import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';
import { ModelSelector } from '@loris/domain';

@InputType({
  description:
    'Which model version serves a request: a versionId, or an alias ("default" is the built-in model); neither: the `production` alias, else the built-in',
})
export class ModelSelectorInput implements ModelSelector {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  versionId?: string;

  @Field({ nullable: true, description: 'An alias name such as production or staging, or "default"' })
  @IsOptional()
  @Length(1, 40, { message: 'model.alias must be 1 to 40 characters' })
  alias?: string;
}
