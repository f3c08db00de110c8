import { Field, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../../server/graphql/page-info.model';
import { AuditEventModel } from './audit-event.model';

@ObjectType()
export class AuditEventEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEventModel)
  node!: AuditEventModel;
}

@ObjectType({ description: 'A page of audit events, newest first' })
export class AuditEventConnection {
  @Field(() => [AuditEventEdge])
  edges!: AuditEventEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
