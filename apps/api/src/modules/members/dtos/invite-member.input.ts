import { Field, InputType } from '@nestjs/graphql';
import { MembershipRole } from '../../../engine/graphql/register-enums';
import { EmailRule } from '../../auth/dtos/credentials';

@InputType()
export class InviteMemberInput {
  @Field()
  @EmailRule()
  email!: string;

  @Field(() => MembershipRole)
  role!: MembershipRole;
}
