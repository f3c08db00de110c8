import { Field, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, Length } from 'class-validator';
import { DEFAULT_API_KEY_ROLE } from '@loris/domain';
import { MembershipRole } from '../../../server/graphql/register-enums';

@InputType()
export class CreateApiKeyInput {
  @Field({ description: '1 to 100 characters, to recognise the key later' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, 100, { message: 'name must be between 1 and 100 characters long' })
  name!: string;

  // Optional for callers (a default in the schema), so requests that name a role keep working unchanged.
  @Field(() => MembershipRole, {
    defaultValue: DEFAULT_API_KEY_ROLE,
    description: 'What the key may do; ENGINEER (upload and generate) when not given',
  })
  @IsEnum(MembershipRole, { message: `role must be one of ${Object.values(MembershipRole).join(', ')}` })
  role!: MembershipRole;

  @Field(() => Date, {
    nullable: true,
    description: 'When the key stops working (it must be in the future); it never expires when not given',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'expiresAt must be a date and time, like 2027-01-31T00:00:00Z' })
  expiresAt?: Date | null;
}
