export type InvalidSynthRequestCode =
  | 'SYNTH_UNKNOWN_GENRE'
  | 'SYNTH_BAD_SECONDS'
  | 'SYNTH_BAD_SEED'
  | 'SYNTH_BAD_COUNT'
  | 'SYNTH_BAD_FPS'
  | 'SYNTH_BAD_CROSS_GENRE';

/** A generation request the corpus cannot serve; the message says which values are accepted. */
export class InvalidSynthRequest extends Error {
  constructor(
    readonly code: InvalidSynthRequestCode,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidSynthRequest';
  }
}
