import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TrainingBackend, TrainingRunStatus } from '@loris/db';
import type { TrainingMetricPointView, TrainingRunView } from '@loris/domain';
import { PageInfo } from '../../server/graphql/page-info.model';

export enum TrainingConfigPreset {
  TINY = 'TINY',
  PAPER = 'PAPER',
}

registerEnumType(TrainingConfigPreset, {
  name: 'TrainingConfig',
  description: 'The trainer’s config preset',
});
registerEnumType(TrainingBackend, {
  name: 'TrainingBackend',
  description: 'LOCAL: a child process of a worker; KUBERNETES: a Job on the configured GPU cluster',
});
registerEnumType(TrainingRunStatus, { name: 'TrainingRunStatus' });

@ObjectType('TrainingOverride', { description: 'One trainer config key and its value, as JSON' })
export class TrainingOverrideModel {
  @Field({ description: 'A dotted key of the trainer’s config, e.g. train.batch_size' })
  key!: string;

  @Field({ description: 'Its value as JSON (2, "cosine", [1, 2])' })
  value!: string;
}

@ObjectType('TrainingMetricPoint', {
  description: 'A training loss (kind train) or validation loss (kind val) at a step',
})
export class TrainingMetricPointModel implements TrainingMetricPointView {
  @Field(() => String, { description: 'train or val' })
  kind!: 'train' | 'val';

  @Field(() => Int)
  step!: number;

  @Field(() => Float)
  loss!: number;

  @Field(() => Float, { nullable: true, description: 'Learning rate (train points)' })
  lr!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Seconds per step over the logged window (train points)',
  })
  secondsPerStep!: number | null;

  @Field()
  recordedAt!: Date;
}

@ObjectType('TrainingRun', { description: 'A run of the trainer on a frozen dataset version' })
export class TrainingRunModel implements Omit<TrainingRunView, 'config'> {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  datasetVersionId!: string;

  @Field(() => TrainingConfigPreset)
  config!: 'TINY' | 'PAPER';

  @Field(() => [TrainingOverrideModel])
  overrides!: TrainingOverrideModel[];

  @Field(() => Int, { description: 'The run’s horizon, counted from step 0' })
  steps!: number;

  @Field(() => TrainingBackend)
  backend!: TrainingBackend;

  @Field({ description: 'The model its version is registered under' })
  modelName!: string;

  @Field(() => TrainingRunStatus)
  status!: TrainingRunStatus;

  @Field(() => ID, { nullable: true })
  resumeFromRunId!: string | null;

  @Field(() => Int, { nullable: true, description: 'The step of the last stored checkpoint' })
  checkpointStep!: number | null;

  @Field(() => Int, { description: 'The latest step reported' })
  lastStep!: number;

  @Field(() => Float, { nullable: true })
  secondsPerStep!: number | null;

  @Field(() => ID, { nullable: true, description: 'The version it registered, once SUCCEEDED' })
  modelVersionId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it FAILED, with the last log lines' })
  errorMessage!: string | null;

  @Field(() => Int, { description: 'Runs of the job so far (a worker lost mid-run adds one)' })
  attempt!: number;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;

  @Field(() => Float, { nullable: true })
  elapsedSeconds!: number | null;

  @Field(() => Float, { nullable: true, description: 'Steps left times the latest seconds per step' })
  etaSeconds!: number | null;
}

@ObjectType()
export class TrainingRunEdge {
  @Field()
  cursor!: string;

  @Field(() => TrainingRunModel)
  node!: TrainingRunModel;
}

@ObjectType({ description: 'A page of training runs, newest first' })
export class TrainingRunConnection {
  @Field(() => [TrainingRunEdge])
  edges!: TrainingRunEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
