import { Field, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../../server/graphql/page-info.model';
import { ApiKeyModel } from './api-key.model';

@ObjectType()
export class ApiKeyEdge {
  @Field()
  cursor!: string;

  @Field(() => ApiKeyModel)
  node!: ApiKeyModel;
}

@ObjectType({ description: "A page of the tenant's API keys, newest first, revoked ones included" })
export class ApiKeyConnection {
  @Field(() => [ApiKeyEdge])
  edges!: ApiKeyEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
