import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiKeyEntity } from '@loris/db';
import { MembershipRole } from '../../../engine/graphql/register-enums';

@ObjectType('ApiKey', { description: 'A credential for programs; its secret is shown only when created' })
export class ApiKeyModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => MembershipRole, { description: 'What the key may do, like a member of that role' })
  role!: MembershipRole;

  @Field({ description: 'The first characters of the secret, to tell keys apart' })
  prefix!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Updated at most once a minute' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

export function toApiKeyModel(key: ApiKeyEntity): ApiKeyModel {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.keyPrefix,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}
