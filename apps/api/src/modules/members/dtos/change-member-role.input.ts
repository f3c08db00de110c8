import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsString } from 'class-validator';
import { MembershipRole } from '../../../server/graphql/register-enums';

@InputType()
export class ChangeMemberRoleInput {
  // Any text: an id that is not a member of the caller's tenant is NOT_FOUND, like an unknown one.
  @Field(() => ID, { description: 'The membership id (Member.id)' })
  @IsString()
  memberId!: string;

  @Field(() => MembershipRole)
  @IsEnum(MembershipRole, { message: `role must be one of ${Object.values(MembershipRole).join(', ')}` })
  role!: MembershipRole;
}
