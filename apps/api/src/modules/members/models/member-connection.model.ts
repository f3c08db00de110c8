import { Field, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../../server/graphql/page-info.model';
import { MemberModel } from './member.model';

@ObjectType()
export class MemberEdge {
  @Field()
  cursor!: string;

  @Field(() => MemberModel)
  node!: MemberModel;
}

@ObjectType({ description: "A page of the tenant's members, oldest first" })
export class MemberConnection {
  @Field(() => [MemberEdge])
  edges!: MemberEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
