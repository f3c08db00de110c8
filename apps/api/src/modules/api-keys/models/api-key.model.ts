import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiKeyView } from '@loris/domain';
import { MembershipRole } from '../../../server/graphql/register-enums';

@ObjectType('ApiKey', { description: 'A credential for programs; its secret is shown only when created' })
export class ApiKeyModel implements ApiKeyView {
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

  @Field(() => Date, { nullable: true, description: 'When the key stops working; null: never' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}
