import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { Length } from 'class-validator';
import { EmailRule, NewPasswordRule } from './credentials';

@InputType()
export class SignUpInput {
  @Field()
  @EmailRule()
  email!: string;

  @Field()
  @NewPasswordRule()
  password!: string;

  @Field({ description: 'The name of the new tenant (organisation), 1 to 100 characters' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, 100, { message: 'tenantName must be between 1 and 100 characters long' })
  tenantName!: string;
}
