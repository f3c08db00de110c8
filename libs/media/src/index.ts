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
export { probeMedia } from './ffmpeg/probe-media';
export { decodeFrames } from './ffmpeg/decode-frames';
export { extractAudio } from './ffmpeg/extract-audio';
export { muxAudio } from './ffmpeg/mux-audio';
export type {
  EstimatePosesOptions,
  FramePose,
  MoveNetVariant,
  PoseEstimation,
  PoseEstimatorOptions,
  PoseProgress,
} from './pose/pose.types';
export { PERSON_CONFIDENCE_THRESHOLD, PoseEstimator, estimatePoses } from './pose/pose-estimator';
