import { Field, ObjectType } from '@nestjs/graphql';
import { OwnershipTransferView } from '@loris/domain';
import { MemberModel } from './member.model';

@ObjectType('OwnershipTransfer')
export class OwnershipTransferModel implements OwnershipTransferView {
  @Field(() => MemberModel, { description: 'The caller, now an ENGINEER' })
  previousOwner!: MemberModel;

  @Field(() => MemberModel, { description: 'The member who became an OWNER' })
  newOwner!: MemberModel;
}
