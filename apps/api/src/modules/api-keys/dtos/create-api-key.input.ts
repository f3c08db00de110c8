import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, Length } from 'class-validator';
import { MembershipRole } from '../../../server/graphql/register-enums';

@InputType()
export class CreateApiKeyInput {
  @Field({ description: '1 to 100 characters, to recognise the key later' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, 100, { message: 'name must be between 1 and 100 characters long' })
  name!: string;

  @Field(() => MembershipRole)
  @IsEnum(MembershipRole, { message: `role must be one of ${Object.values(MembershipRole).join(', ')}` })
  role!: MembershipRole;
}
