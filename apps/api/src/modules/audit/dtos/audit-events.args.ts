import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../server/graphql/page.args';
import { AuditEventFilterInput } from './audit-event-filter.input';

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => AuditEventFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditEventFilterInput)
  filter?: AuditEventFilterInput;
}
