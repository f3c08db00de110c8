import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Tenant', { description: 'An organisation: its members, keys and data are isolated from all others' })
export class TenantModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}
