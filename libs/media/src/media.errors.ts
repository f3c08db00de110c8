// Typed errors of libs/media. Each has a stable `code` the API, the worker and the CLI map to their own
// error shapes, and a message that says what was wrong with the file (never ffmpeg's raw stderr alone).

export type InvalidMediaCode =
  'MEDIA_NOT_FOUND' | 'MEDIA_NOT_MEDIA' | 'MEDIA_CORRUPT' | 'MEDIA_NO_VIDEO' | 'MEDIA_NO_AUDIO';

export type MediaErrorCode =
  | InvalidMediaCode
  | 'NO_PERSON_FOUND'
  | 'MEDIA_TOOL_FAILED'
  | 'MEDIA_CANCELLED'
  | 'MEDIA_OPTION_INVALID'
  | 'POSE_MODEL_UNAVAILABLE';

export abstract class MediaError extends Error {
  abstract readonly code: MediaErrorCode;
}

/** The file is not media ffprobe can read, is damaged, or lacks the stream the operation needs. */
export class InvalidMedia extends MediaError {
  constructor(
    readonly code: InvalidMediaCode,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidMedia';
  }
}

/** The pose model found nobody in most frames, so no rhythm can be read from the video. */
export class NoPersonFound extends MediaError {
  readonly code = 'NO_PERSON_FOUND' as const;
  constructor(
    readonly personFound: number,
    readonly minPersonRatio: number,
  ) {
    super(
      `No person was found in most of the video: a person was seen in ${(personFound * 100).toFixed(0)}% ` +
        `of frames, at least ${(minPersonRatio * 100).toFixed(0)}% is needed. Send a video in which one ` +
        'dancer or athlete is visible most of the time.',
    );
    this.name = 'NoPersonFound';
  }
}

/** ffmpeg/ffprobe missing or failing on input it accepted (an operator problem, not the user's). */
export class MediaToolFailed extends MediaError {
  readonly code = 'MEDIA_TOOL_FAILED' as const;
  constructor(
    readonly tool: string,
    message: string,
  ) {
    super(message);
    this.name = 'MediaToolFailed';
  }
}

export class MediaCancelled extends MediaError {
  readonly code = 'MEDIA_CANCELLED' as const;
  constructor() {
    super('The media operation was cancelled.');
    this.name = 'MediaCancelled';
  }
}

export class InvalidMediaOption extends MediaError {
  readonly code = 'MEDIA_OPTION_INVALID' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMediaOption';
  }
}

/** The MoveNet weights or the TensorFlow.js wasm backend could not be loaded from node_modules. */
export class PoseModelUnavailable extends MediaError {
  readonly code = 'POSE_MODEL_UNAVAILABLE' as const;
  constructor(message: string) {
    super(message);
    this.name = 'PoseModelUnavailable';
  }
}
