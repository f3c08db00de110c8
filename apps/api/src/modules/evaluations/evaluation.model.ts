import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DatasetSplit, EvaluationStatus } from '@loris/db';
import type {
  ComparisonColumn,
  ComparisonColumnKey,
  ComparisonRow,
  EvaluationComparisonView,
  EvaluationModelView,
  EvaluationSampleView,
  EvaluationScores,
  EvaluationView,
  VersionMos,
} from '@loris/domain';
import { PageInfo } from '../../server/graphql/page-info.model';

registerEnumType(EvaluationStatus, { name: 'EvaluationStatus' });

@ObjectType('EvaluationScores', {
  description:
    'A version’s row of the paper’s tables 2-4, as fractions (x100 to read them as the paper prints them)',
})
export class EvaluationScoresModel implements EvaluationScores {
  @Field(() => Int)
  samples!: number;

  @Field(() => Float, { description: 'Beat coverage score (mean cover), higher is better' })
  bcs!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Std of the covers (lower is better); null for 1 sample',
  })
  csd!: number | null;

  @Field(() => Float, { description: 'Beat hit score (mean hit), higher is better' })
  bhs!: number;

  @Field(() => Float, { nullable: true, description: 'Std of the hits (lower is better); null for 1 sample' })
  hsd!: number | null;

  @Field(() => Float, { description: 'F1 of BCS and BHS' })
  f1!: number;

  @Field(() => Float, { description: 'Mean strict ±70 ms onset F-measure against the ground truth' })
  onsetF!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean strict ±70 ms onset F-measure against the visual rhythm; null when no segment has one',
  })
  rhythmF!: number | null;

  @Field(() => Int)
  rhythmSamples!: number;

  @Field(() => Float, { description: 'Mean seconds to generate a sample' })
  generateSeconds!: number;

  @Field(() => Float, { description: 'Mean seconds to score a sample' })
  scoreSeconds!: number;
}

@ObjectType('EvaluationModel', { description: 'A version compared by an evaluation' })
export class EvaluationModelModel implements EvaluationModelView {
  @Field(() => ID)
  modelVersionId!: string;

  @Field(() => Int)
  ordinal!: number;

  @Field()
  label!: string;

  @Field(() => EvaluationScoresModel, { nullable: true, description: 'Null until the run has ended' })
  summary!: EvaluationScoresModel | null;
}

@ObjectType('Evaluation', { description: 'Model versions generated and scored on a frozen version’s split' })
export class EvaluationModel implements EvaluationView {
  @Field(() => ID)
  id!: string;

  @Field(() => EvaluationStatus)
  status!: EvaluationStatus;

  @Field(() => ID)
  datasetVersionId!: string;

  @Field(() => Int)
  datasetVersionNumber!: number;

  @Field()
  datasetName!: string;

  @Field(() => DatasetSplit)
  split!: DatasetSplit;

  @Field()
  sampler!: string;

  @Field(() => Int)
  steps!: number;

  @Field(() => Float)
  guidance!: number;

  @Field(() => [Int])
  seeds!: number[];

  @Field({ description: 'The scorer that scored every sample; scores of different scorers do not compare' })
  scorerVersion!: string;

  @Field(() => Int)
  totalSamples!: number;

  @Field(() => Int)
  doneSamples!: number;

  @Field(() => Float)
  progress!: number;

  @Field(() => String, { nullable: true })
  errorCode!: string | null;

  @Field(() => String, { nullable: true })
  errorMessage!: string | null;

  @Field(() => [EvaluationModelModel])
  models!: EvaluationModelModel[];

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType()
export class EvaluationEdge {
  @Field()
  cursor!: string;

  @Field(() => EvaluationModel)
  node!: EvaluationModel;
}

@ObjectType()
export class EvaluationConnection {
  @Field(() => [EvaluationEdge])
  edges!: EvaluationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('EvaluationSample', { description: 'One generated sample and its scores (fractions)' })
export class EvaluationSampleModel implements EvaluationSampleView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  evaluationId!: string;

  @Field(() => ID)
  modelVersionId!: string;

  @Field(() => ID)
  segmentId!: string;

  @Field(() => Int)
  seed!: number;

  @Field(() => String, { nullable: true })
  genre!: string | null;

  @Field(() => ID, { description: 'The generated WAV: GET /v1/media/{id}' })
  audioArtifactId!: string;

  @Field(() => ID, { description: 'The segment’s ground-truth WAV: GET /v1/media/{id}' })
  groundTruthArtifactId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The segment’s audio onsets, JSON with onsetTimes (GET /v1/media/{id}), when stored',
  })
  groundTruthOnsetsArtifactId!: string | null;

  @Field(() => [Float], { description: 'The generated audio’s onset times (s)' })
  onsetTimes!: number[];

  @Field({ description: 'Whether GET /v1/evaluations/samples/{id}/video.mp4 can mux the segment’s video' })
  hasVideo!: boolean;

  @Field(() => Float)
  bcs!: number;

  @Field(() => Float)
  bhs!: number;

  @Field(() => Float)
  f1!: number;

  @Field(() => Float)
  onsetF!: number;

  @Field(() => Float, { nullable: true })
  rhythmF!: number | null;

  @Field(() => Int)
  generatedOnsets!: number;

  @Field()
  scorerVersion!: string;

  @Field(() => Float)
  generateSeconds!: number;

  @Field(() => Float)
  scoreSeconds!: number;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class EvaluationSampleEdge {
  @Field()
  cursor!: string;

  @Field(() => EvaluationSampleModel)
  node!: EvaluationSampleModel;
}

@ObjectType()
export class EvaluationSampleConnection {
  @Field(() => [EvaluationSampleEdge])
  edges!: EvaluationSampleEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('ComparisonColumn', { description: 'A column of the comparison and its direction' })
export class ComparisonColumnModel implements ComparisonColumn {
  @Field(() => String, { description: 'bcs, csd, bhs, hsd, f1, onsetF or rhythmF' })
  key!: ComparisonColumnKey;

  @Field()
  label!: string;

  @Field()
  higherIsBetter!: boolean;
}

@ObjectType('ComparisonRow', {
  description:
    'One version of one evaluation: a row of the paper-style table, scores x100 as the paper prints them',
})
export class ComparisonRowModel {
  @Field(() => ID)
  evaluationId!: string;

  @Field(() => ID)
  modelVersionId!: string;

  @Field()
  label!: string;

  @Field(() => ID)
  datasetVersionId!: string;

  @Field()
  split!: string;

  @Field()
  scorerVersion!: string;

  @Field(() => Int)
  samples!: number;

  @Field(() => Float)
  bcs!: number;

  @Field(() => Float, { nullable: true })
  csd!: number | null;

  @Field(() => Float)
  bhs!: number;

  @Field(() => Float, { nullable: true })
  hsd!: number | null;

  @Field(() => Float)
  f1!: number;

  @Field(() => Float)
  onsetF!: number;

  @Field(() => Float, { nullable: true })
  rhythmF!: number | null;

  @Field(() => [String], { description: 'The keys of the columns where this row is the best' })
  best!: string[];

  @Field(() => Float, {
    nullable: true,
    description: 'MOS of this version in the newest open or closed rating campaign that rates it',
  })
  mos!: number | null;

  @Field(() => Float, { nullable: true, description: 'Half-width of the MOS 95% interval (Student t)' })
  mosCi95!: number | null;

  @Field(() => Int, { nullable: true, description: 'Counted votes behind the MOS' })
  mosVotes!: number | null;

  @Field(() => ID, { nullable: true, description: 'The rating campaign the MOS comes from' })
  mosCampaignId!: string | null;

  @Field(() => String, { nullable: true })
  mosCampaignName!: string | null;
}

@ObjectType('EvaluationComparison')
export class EvaluationComparisonModel {
  @Field(() => [ComparisonColumnModel])
  columns!: ComparisonColumnModel[];

  @Field(() => [ComparisonRowModel])
  rows!: ComparisonRowModel[];

  @Field(() => [String])
  warnings!: string[];
}

/** The domain's comparison in the GraphQL shape, with each version's MOS where a campaign rated it. */
export function toComparisonModel(
  comparison: EvaluationComparisonView,
  mos: ReadonlyMap<string, VersionMos> = new Map(),
): EvaluationComparisonModel {
  return {
    columns: [...comparison.columns],
    warnings: comparison.warnings,
    rows: comparison.rows.map((row: ComparisonRow) => ({
      evaluationId: row.evaluationId,
      modelVersionId: row.modelVersionId,
      label: row.label,
      datasetVersionId: row.datasetVersionId,
      split: row.split,
      scorerVersion: row.scorerVersion,
      samples: row.samples,
      bcs: row.values.bcs as number,
      csd: row.values.csd,
      bhs: row.values.bhs as number,
      hsd: row.values.hsd,
      f1: row.values.f1 as number,
      onsetF: row.values.onsetF as number,
      rhythmF: row.values.rhythmF,
      best: row.best,
      mos: mos.get(row.modelVersionId)?.mos ?? null,
      mosCi95: mos.get(row.modelVersionId)?.ci95 ?? null,
      mosVotes: mos.get(row.modelVersionId)?.votes ?? null,
      mosCampaignId: mos.get(row.modelVersionId)?.campaignId ?? null,
      mosCampaignName: mos.get(row.modelVersionId)?.campaignName ?? null,
    })),
  };
}

@ObjectType('DatasetVersionChoice', { description: 'A frozen dataset version an evaluation can run on' })
export class DatasetVersionChoiceModel {
  @Field(() => ID)
  id!: string;

  @Field()
  label!: string;
}
