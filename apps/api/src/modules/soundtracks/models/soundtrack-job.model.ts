import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { MediaRefView, SoundtrackJobView } from '@loris/domain';
import { SoundtrackSync } from '@loris/db';
import { SoundtrackJobStage, SoundtrackJobStatus } from '../../../server/graphql/register-enums';

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

@ObjectType('SoundtrackSync', {
  description:
    'How the music meets the movement: the result’s onsets, the input’s visual beats (seconds from the start) and the strict onset F-measure between them, measured once when the job succeeded',
})
export class SoundtrackSyncModel implements SoundtrackSync {
  @Field(() => [Float], { description: 'Onsets detected in the generated audio' })
  onsets!: number[];

  @Field(() => [Float], { description: 'Peaks of the input’s visual rhythm within the result’s length' })
  visualBeats!: number[];

  @Field(() => Float, { description: 'Strict onset F-measure, visual beats as reference: 0 to 1' })
  fMeasure!: number;

  @Field(() => Float, { description: 'Share of the onsets that meet a visual beat' })
  precision!: number;

  @Field(() => Float, { description: 'Share of the visual beats that an onset meets' })
  recall!: number;

  @Field(() => Float, { description: 'An onset meets a beat within this many seconds either side' })
  toleranceSeconds!: number;
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

  @Field(() => String, { nullable: true, description: 'The uploaded input’s own file name, if it gave one' })
  inputName!: string | null;

  @Field(() => Float, { nullable: true, description: 'How long the input lasts, in seconds' })
  inputSeconds!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The model that served the job, as name@version of its card; set when it starts',
  })
  modelVersion!: string | null;

  @Field(() => ID, {
    description: 'The registry version (ModelVersion.id) that serves the job, chosen when it was requested',
  })
  modelVersionId!: string;

  @Field(() => SoundtrackJobStage)
  stage!: SoundtrackJobStage;

  @Field(() => Float, {
    nullable: true,
    description:
      'Seconds of generation left at the sampler’s observed step rate: in updates while GENERATING, else null',
  })
  etaSeconds!: number | null;

  @Field(() => SoundtrackSyncModel, {
    nullable: true,
    description: 'Set when the job succeeded; null before, or when it could not be measured',
  })
  sync!: SoundtrackSyncModel | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}
