import { Field, InputType } from '@nestjs/graphql';
import { MaxLength } from 'class-validator';
import { NewPasswordRule } from './credentials';

@InputType()
export class ChangePasswordInput {
  // Not checked against the sign-up rules: it is compared with the stored hash, whatever it is.
  @Field()
  @MaxLength(200, { message: 'currentPassword must be at most 200 characters long' })
  currentPassword!: string;

  @Field({ description: '10 to 200 characters' })
  @NewPasswordRule()
  newPassword!: string;
}
