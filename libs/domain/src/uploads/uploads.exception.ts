import { BadUserInputError } from '@loris/engine';

/** The upload is not a pose track, WAV or video we can use; `reason` is the check's code (e.g. MEDIA_CORRUPT). */
export class InvalidUploadError extends BadUserInputError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.extensions.reason = reason;
  }
}

export class UploadTooLargeError extends BadUserInputError {
  readonly status = 413;
  constructor(maxBytes: number) {
    super(`The upload is larger than the limit of ${maxBytes} bytes (UPLOAD_MAX_BYTES)`);
  }
}
