import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PendingInvitationView } from '@loris/domain';
import { MembershipRole } from '../../../server/graphql/register-enums';

@ObjectType('PendingInvitation', {
  description: 'An invitation not accepted yet; its token was shown only when it was made',
})
export class PendingInvitationModel implements PendingInvitationView {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => MembershipRole)
  role!: MembershipRole;

  @Field()
  invitedAt!: Date;

  @Field()
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set once an owner revoked it: its link no longer works' })
  revokedAt!: Date | null;
}
