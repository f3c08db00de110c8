import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { MediaRefView, SoundtrackJobView } from '@loris/domain';
import { SoundtrackJobStatus } from '../../../server/graphql/register-enums';

@ObjectType('JobError', { description: 'Why a job failed' })
export class JobErrorModel {
  @Field()
  code!: string;

  @Field()
  message!: string;
}

@ObjectType('MediaRef', { description: 'A stored file: download it with GET url (same credentials as GraphQL)' })
export class MediaRefModel implements MediaRefView {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Path of GET /v1/media/:id on this API; supports Range' })
  url!: string;
}

@ObjectType('SoundtrackJob')
export class SoundtrackJobModel implements SoundtrackJobView {
  @Field(() => ID)
  id!: string;

  @Field(() => SoundtrackJobStatus)
  status!: SoundtrackJobStatus;

  @Field(() => Float, { description: 'From 0 to 1; 1 when the result is stored' })
  progress!: number;

  @Field(() => JobErrorModel, { nullable: true })
  error!: JobErrorModel | null;

  @Field()
  genre!: string;

  @Field(() => Float)
  seconds!: number;

  @Field(() => Float, { description: 'The seed used: the same request and seed give the same audio' })
  seed!: number;

  @Field(() => Int)
  steps!: number;

  @Field()
  sampler!: string;

  @Field(() => Float)
  guidance!: number;

  @Field(() => MediaRefModel, { nullable: true, description: 'The WAV (22050 Hz), once SUCCEEDED' })
  audio!: MediaRefModel | null;

  @Field(() => MediaRefModel, {
    nullable: true,
    description: 'The input video with the soundtrack muxed in (MP4), for a video request',
  })
  video!: MediaRefModel | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}
