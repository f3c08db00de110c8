import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, MaxLength } from 'class-validator';
import { AuditEventFilter } from '@loris/domain';

@InputType({ description: 'Every field given narrows the list; the fields combine with AND' })
export class AuditEventFilterInput implements AuditEventFilter {
  @Field(() => String, {
    nullable: true,
    description: "A member's user id or email, or an API key's id or name",
  })
  @IsOptional()
  @MaxLength(320, { message: 'actor must be at most 320 characters long' })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'Exactly this action, e.g. dataset.created' })
  @IsOptional()
  @MaxLength(100, { message: 'action must be at most 100 characters long' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Exactly this object type, e.g. api_key' })
  @IsOptional()
  @MaxLength(100, { message: 'objectType must be at most 100 characters long' })
  objectType?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date | null;
}
