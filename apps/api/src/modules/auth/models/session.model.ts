import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ActiveSessionView } from '@loris/domain';

@ObjectType('Session', { description: 'One of your signed-in sessions (a browser or a client holding a token)' })
export class SessionModel implements ActiveSessionView {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'When you signed in' })
  createdAt!: Date;

  @Field({ description: 'The last request made with it; updated at most once a minute' })
  lastSeenAt!: Date;

  @Field({ description: 'When its token expires' })
  expiresAt!: Date;

  @Field(() => String, { nullable: true, description: 'The User-Agent it signed in with, if one was sent' })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: 'The address it signed in from, if known' })
  ip!: string | null;

  @Field({ description: 'True for the session making this request' })
  current!: boolean;
}
