import { Field, InputType } from '@nestjs/graphql';
import { Length } from 'class-validator';
import { NewPasswordRule } from '../../auth/dtos/credentials';

@InputType()
export class AcceptInvitationInput {
  @Field()
  @Length(1, 200, { message: 'token must be the token of an invitation link' })
  token!: string;

  @Field({ description: 'A new password, or the existing one when the email already has an account' })
  @NewPasswordRule()
  password!: string;
}
