import { Field, ObjectType } from '@nestjs/graphql';
import { MembershipRole } from '../../../server/graphql/register-enums';
import { TenantModel } from './tenant.model';
import { UserModel } from './user.model';

@ObjectType({ description: 'A new session: send `token` as `Authorization: Bearer <token>`' })
export class AuthPayload {
  @Field()
  token!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => UserModel)
  user!: UserModel;

  @Field(() => TenantModel)
  tenant!: TenantModel;

  @Field(() => MembershipRole)
  role!: MembershipRole;
}
