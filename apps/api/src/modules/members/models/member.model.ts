import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MembershipRole } from '../../../server/graphql/register-enums';
import { UserModel } from '../../auth/models/user.model';

@ObjectType('Member')
export class MemberModel {
  @Field(() => ID, { description: 'The membership id' })
  id!: string;

  @Field(() => UserModel)
  user!: UserModel;

  @Field(() => MembershipRole)
  role!: MembershipRole;

  @Field()
  joinedAt!: Date;
}
