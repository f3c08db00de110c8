import { Field, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../../server/graphql/page-info.model';
import { PendingInvitationModel } from './pending-invitation.model';

@ObjectType()
export class PendingInvitationEdge {
  @Field()
  cursor!: string;

  @Field(() => PendingInvitationModel)
  node!: PendingInvitationModel;
}

@ObjectType({ description: 'A page of the invitations that can still be accepted, newest first' })
export class PendingInvitationConnection {
  @Field(() => [PendingInvitationEdge])
  edges!: PendingInvitationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
