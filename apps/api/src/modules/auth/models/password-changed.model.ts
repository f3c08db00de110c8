import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PasswordChangedView } from '@loris/domain';

@ObjectType('PasswordChanged', { description: 'Your password changed; this session goes on' })
export class PasswordChangedModel implements PasswordChangedView {
  @Field(() => Int, { description: 'How many of your other sessions (in any tenant) were signed out' })
  sessionsRevoked!: number;
}
