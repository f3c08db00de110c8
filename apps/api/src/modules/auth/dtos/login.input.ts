import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { EmailRule } from './credentials';

@InputType()
export class LoginInput {
  @Field()
  @EmailRule()
  email!: string;

  // Not checked against the sign-up rules: any wrong password gets the same answer as a wrong email.
  @Field()
  @MaxLength(200, { message: 'password must be at most 200 characters long' })
  password!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Which of your tenants to enter; the first one if omitted',
  })
  @IsOptional()
  @IsUUID('all', { message: 'tenantId must be a tenant id' })
  tenantId?: string;
}
