import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { MembershipRole } from '../../../server/graphql/register-enums';
import { EmailRule } from '../../auth/dtos/credentials';

@InputType()
export class InviteMemberInput {
  @Field()
  @EmailRule()
  email!: string;

  @Field(() => MembershipRole)
  @IsEnum(MembershipRole, { message: `role must be one of ${Object.values(MembershipRole).join(', ')}` })
  role!: MembershipRole;
}
