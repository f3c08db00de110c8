import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { PageArgs } from '../../../server/graphql/page.args';

@ArgsType()
export class ModelVersionsArgs extends PageArgs {
  @Field(() => ID)
  @IsString()
  modelId!: string;
}

@ArgsType()
export class MoveModelAliasArgs {
  @Field({ description: 'The alias: production, staging or any lower-case name but "default"' })
  @Length(1, 40, { message: 'name must be 1 to 40 characters' })
  name!: string;

  @Field(() => ID, { description: 'The version it will point at: one of yours, or the built-in' })
  @IsString()
  versionId!: string;
}
