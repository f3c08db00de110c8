/** Codes of the problems a WAV file can have; stable, so the API and CLI can map them. */
export type InvalidWavCode =
  | 'WAV_TRUNCATED_HEADER'
  | 'WAV_NOT_RIFF_WAVE'
  | 'WAV_MISSING_FMT'
  | 'WAV_MISSING_DATA'
  | 'WAV_TRUNCATED_DATA'
  | 'WAV_UNSUPPORTED_FORMAT'
  | 'WAV_INVALID_FORMAT'
  | 'WAV_BLOCK_ALIGN_MISMATCH'
  | 'WAV_PARTIAL_FRAME'
  | 'WAV_EMPTY_AUDIO';

/** A WAV file that cannot be read; the message names the problem (and the byte offset where it helps). */
export class InvalidWav extends Error {
  constructor(
    readonly code: InvalidWavCode,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidWav';
  }
}

export type InvalidAudioInputCode = 'AUDIO_EMPTY' | 'AUDIO_NOT_FINITE' | 'AUDIO_BAD_PARAMETER';

/** Audio or a parameter a signal function cannot work with (no samples, a NaN, a rate of 0). */
export class InvalidAudioInput extends Error {
  constructor(
    readonly code: InvalidAudioInputCode,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidAudioInput';
  }
}
