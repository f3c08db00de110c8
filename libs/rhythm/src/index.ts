export {
  COCO17_JOINTS,
  DEFAULT_CONFIDENCE_THRESHOLD,
  JOINT_COUNT,
  MAX_POSE_FPS,
  packPoseTrack,
  type PackedPoseTrack,
  type PackOptions,
  type PoseTrack,
} from './pose-track';
export {
  POSE_FEATURES_DIM,
  POSE_FEATURES_KIND,
  poseFeatures,
  type PoseFeatures,
  type PoseFeaturesOptions,
} from './pose-features';
export { resampleEnvelope, resampleLinear, resamplePeaks } from './resample';
export {
  InvalidPoseTrack,
  InvalidResampleInput,
  InvalidRhythmOptions,
  type InvalidPoseTrackCode,
  type InvalidResampleInputCode,
  type InvalidRhythmOptionsCode,
} from './rhythm.errors';
export { angleBin, directogram, type AngleBinning } from './directogram';
export { onsetEnvelope } from './onset-envelope';
export {
  pickPeaksPaper,
  pickPeaksReference,
  type PaperPeakParams,
  type PeakWindows,
  type ReferencePeakParams,
} from './peak-picking';
export {
  PAPER_RHYTHM_PARAMS,
  REFERENCE_RHYTHM_PARAMS,
  RHYTHM_VARIANTS,
  resolveRhythmParams,
  visualRhythm,
  type PaperRhythmParams,
  type ReferenceRhythmParams,
  type ResolvedRhythmParams,
  type RhythmOptions,
  type RhythmVariant,
  type VisualRhythm,
} from './visual-rhythm';
