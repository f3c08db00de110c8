import { Field, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../../server/graphql/page-info.model';
import { SoundtrackJobModel } from './soundtrack-job.model';

@ObjectType()
export class SoundtrackJobEdge {
  @Field()
  cursor!: string;

  @Field(() => SoundtrackJobModel)
  node!: SoundtrackJobModel;
}

@ObjectType({ description: 'A page of soundtrack jobs, newest first' })
export class SoundtrackJobConnection {
  @Field(() => [SoundtrackJobEdge])
  edges!: SoundtrackJobEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
