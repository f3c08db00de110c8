import { DatasetSplit, EvaluationStatus } from '@loris/db';
import { Comparison } from './evaluation-comparison';
import { EvaluationScores } from './evaluation-summary';

/** What startEvaluation takes; left-out settings take the first model's card defaults. */
export interface EvaluationRequest {
  modelVersionIds: string[];
  datasetVersionId: string;
  /** Default TEST. */
  split?: DatasetSplit | null;
  sampler?: string | null;
  steps?: number | null;
  guidance?: number | null;
  /** Default [0]. */
  seeds?: number[] | null;
}

/** A compared version in an evaluation, with its summary once the run has ended. */
export interface EvaluationModelView {
  modelVersionId: string;
  ordinal: number;
  /** "<model name> (<card name@version>)". */
  label: string;
  /** Null until the run has written its summary. */
  summary: EvaluationScores | null;
}

export interface EvaluationView {
  id: string;
  status: EvaluationStatus;
  datasetVersionId: string;
  datasetVersionNumber: number;
  datasetName: string;
  split: DatasetSplit;
  sampler: string;
  steps: number;
  guidance: number;
  seeds: number[];
  scorerVersion: string;
  totalSamples: number;
  doneSamples: number;
  /** doneSamples / totalSamples. */
  progress: number;
  errorCode: string | null;
  errorMessage: string | null;
  models: EvaluationModelView[];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** One generated sample with its scores (fractions) and the files to listen to. */
export interface EvaluationSampleView {
  id: string;
  evaluationId: string;
  modelVersionId: string;
  segmentId: string;
  seed: number;
  genre: string | null;
  /** The generated WAV (GET /v1/media/:id). */
  audioArtifactId: string;
  /** The segment's ground-truth WAV. */
  groundTruthArtifactId: string;
  /** The segment's audio onsets (JSON with onsetTimes), when the ingest stored them. */
  groundTruthOnsetsArtifactId: string | null;
  /** The generated audio's onset times (s). */
  onsetTimes: number[];
  /** Whether the segment has a source video (GET /v1/evaluations/samples/:id/video.mp4 muxes it). */
  hasVideo: boolean;
  bcs: number;
  bhs: number;
  f1: number;
  onsetF: number;
  rhythmF: number | null;
  generatedOnsets: number;
  scorerVersion: string;
  generateSeconds: number;
  scoreSeconds: number;
  createdAt: Date;
}

export type EvaluationSampleSort =
  'CREATED' | 'BCS' | 'BHS' | 'F1' | 'ONSET_F' | 'RHYTHM_F' | 'GENERATE_SECONDS' | 'SCORE_SECONDS';

export interface EvaluationSamplesQuery {
  evaluationIds: string[];
  first: number;
  after?: string | null;
  sort?: EvaluationSampleSort | null;
  descending?: boolean | null;
  /** Only this segment's samples (listening to one segment across versions). */
  segmentId?: string | null;
}

export type EvaluationComparisonView = Comparison;

/** The topic of evaluation runs on the job events channel. */
export const EVALUATION_TOPIC = 'evaluation-run';

const FINISHED = new Set([EvaluationStatus.SUCCEEDED, EvaluationStatus.FAILED, EvaluationStatus.CANCELLED]);
export const isEvaluationFinished = (status: EvaluationStatus) => FINISHED.has(status);
