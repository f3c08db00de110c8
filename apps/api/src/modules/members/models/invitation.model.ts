import { Field, ObjectType } from '@nestjs/graphql';
import { MembershipRole } from '../../../server/graphql/register-enums';

@ObjectType('Invitation')
export class InvitationModel {
  @Field({ description: 'Goes into the invitation link; shown this once (only its hash is stored)' })
  token!: string;

  @Field()
  email!: string;

  @Field(() => MembershipRole)
  role!: MembershipRole;

  @Field()
  expiresAt!: Date;
}
