export type {
  AudioStreamInfo,
  DecodeFramesOptions,
  ExtractAudioOptions,
  ExtractedAudio,
  FrameFit,
  Letterbox,
  MediaProbe,
  MuxOptions,
  RgbFrame,
  VideoStreamInfo,
} from './media.types';
export {
  InvalidMedia,
  InvalidMediaOption,
  MediaCancelled,
  MediaError,
  MediaToolFailed,
  NoPersonFound,
  PoseModelUnavailable,
  type InvalidMediaCode,
  type MediaErrorCode,
} from './media.errors';
export { probeMedia, type ProbeOptions } from './ffmpeg/probe-media';
export { letterboxFor, toSourcePixels } from './ffmpeg/letterbox';
export { decodeFrames } from './ffmpeg/decode-frames';
export { extractAudio, MODEL_SAMPLE_RATE } from './ffmpeg/extract-audio';
export { muxAudio } from './ffmpeg/mux-audio';
export { muxStimulus, type StimulusMuxOptions } from './ffmpeg/mux-stimulus';
export { extractThumbnail, type ThumbnailOptions } from './ffmpeg/extract-thumbnail';
export { MOVENET_INPUT_SIZE } from './pose/movenet-model';
export type {
  EstimatePosesOptions,
  FramePose,
  MoveNetVariant,
  PoseEstimation,
  PoseEstimatorOptions,
  PoseProgress,
} from './pose/pose.types';
export {
  DEFAULT_MIN_PERSON_RATIO,
  PERSON_CONFIDENCE_THRESHOLD,
  DEFAULT_POSE_THREADS,
  PoseEstimator,
  closePosePool,
  estimatePoses,
} from './pose/pose-estimator';
export { MIN_PART_SECONDS, planPoseWindow, type PoseWindowPart } from './pose/pose-pool';
export {
  ESPEAK,
  LISTENING_TEST_LOUDNESS,
  measureLoudness,
  mixTrap,
  normalizeLoudness,
  speakToWav,
  type LoudnessMeasure,
  type LoudnessTarget,
  type NormalizeOptions,
  type TrapOptions,
} from './ffmpeg/loudness';
