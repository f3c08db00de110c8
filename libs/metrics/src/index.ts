export { beatsPerSecond } from './beat-vector';
export {
  beatScores,
  reportedX100,
  summarizeBeatScores,
  type BeatScoreSummary,
  type PairBeatScores,
} from './beat-scores';
export {
  DEFAULT_TOLERANCE_MS,
  onsetFMeasure,
  summarizeOnsetFMeasures,
  type OnsetFMeasure,
  type OnsetFMeasureOptions,
  type OnsetFMeasureSummary,
} from './onset-f-measure';
export { InvalidMetricsInput, type InvalidMetricsInputCode } from './metrics.errors';
export { mosStatistics, type MosStatistics } from './mos';
export { studentTCdf, studentTQuantile } from './student-t';
export {
  interiorPoints,
  seamScore,
  type ChangeSummary,
  type LogMelSpectrogram,
  type PointChange,
  type SeamScore,
  type SeamScoreInput,
  type SeamScoreOptions,
} from './seam-score';
export {
  genreFeatures,
  type GenreAnalysis,
  type GenreFeatureOptions,
  type GenreFeatures,
} from './genre/genre-features';
export { estimateBeatRate, type BeatRateOptions } from './genre/periodicity';
export {
  trainGenreClassifier,
  type GenreClassifier,
  type GenreClassifierOptions,
  type GenrePrediction,
} from './genre/genre-classifier';
export { genreConfusion, type GenreConfusion } from './genre/genre-confusion';
