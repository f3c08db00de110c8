import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Genre', { description: "A genre of the serving model's vocabulary" })
export class GenreModel {
  @Field({ description: 'Pass as requestSoundtrack(input: { genre })' })
  name!: string;

  @Field(() => Int, { description: "Its index in the model's genre embedding" })
  index!: number;
}
