/** What ffprobe says about a media file, reduced to what the platform uses. */
export interface MediaProbe {
  /** ffprobe's container name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "avi", "wav". */
  format: string;
  durationSeconds: number;
  video?: VideoStreamInfo;
  audio?: AudioStreamInfo;
}

export interface VideoStreamInfo {
  /** Display size (rotation metadata applied: a portrait phone video reads as portrait). */
  width: number;
  height: number;
  fps: number;
  /** Frame count from the container, or duration x fps when the container does not say. */
  frames: number;
  codec: string;
}

export interface AudioStreamInfo {
  sampleRate: number;
  channels: number;
  codec: string;
}

/** How a frame is brought to the requested size. */
export type FrameFit =
  /** Keep the aspect ratio and pad with black (what MoveNet expects: a square input, undistorted). */
  | 'letterbox'
  /** Stretch to the size. */
  | 'scale';

export interface DecodeFramesOptions {
  /** Output frame rate; ffmpeg drops or repeats frames to reach it. */
  fps: number;
  width: number;
  height: number;
  fit?: FrameFit;
  startSeconds?: number;
  durationSeconds?: number;
  signal?: AbortSignal;
}

/** One decoded frame, packed RGB24 (`data[(y * width + x) * 3 + c]`). */
export interface RgbFrame {
  index: number;
  timeSeconds: number;
  width: number;
  height: number;
  data: Uint8Array;
}

/** Where the source picture sits inside a letterboxed frame, to map points back to source pixels. */
export interface Letterbox {
  sourceWidth: number;
  sourceHeight: number;
  /** Source pixels per output pixel, across and down (equal up to rounding of the scaled size). */
  scaleX: number;
  scaleY: number;
  padX: number;
  padY: number;
}

export interface ExtractAudioOptions {
  /** Default 22050 (the model's rate). */
  sampleRate?: number;
  /** Default true: downmixed to one channel. */
  mono?: boolean;
  startSeconds?: number;
  durationSeconds?: number;
  signal?: AbortSignal;
}

/** Planar float PCM in [-1, 1], one array per channel. */
export interface ExtractedAudio {
  sampleRate: number;
  channels: Float32Array[];
}

export interface MuxOptions {
  /** AAC bit rate, default "192k". */
  audioBitrate?: string;
  /**
   * Where in the video the soundtrack starts (a segment of a longer video); the video is then re-encoded,
   * since a stream copy could only start at a keyframe, off the audio by up to a GOP.
   */
  videoStartSeconds?: number;
  signal?: AbortSignal;
}
