import { Field, ObjectType } from '@nestjs/graphql';
import { MembershipRole } from '../../../server/graphql/register-enums';
import { ApiKeyModel } from '../../api-keys/models/api-key.model';
import { TenantModel } from './tenant.model';
import { UserModel } from './user.model';

@ObjectType('Me', { description: 'The caller: a member (session token) or an API key' })
export class MeModel {
  @Field(() => UserModel, { nullable: true, description: 'The member; null when calling with an API key' })
  user!: UserModel | null;

  @Field(() => TenantModel)
  tenant!: TenantModel;

  @Field(() => MembershipRole)
  role!: MembershipRole;

  @Field(() => ApiKeyModel, { nullable: true, description: 'The API key in use, if the caller sent one' })
  apiKey!: ApiKeyModel | null;
}
