import { MediaToolFailed } from '../media.errors';
import { FFMPEG, lastErrorLine, runTool } from './run-tool';

/** EBU R128 target of listening-test stimuli: integrated loudness, true peak, loudness range. */
export interface LoudnessTarget {
  integratedLufs: number;
  truePeakDb: number;
  rangeLu: number;
}

export const LISTENING_TEST_LOUDNESS: LoudnessTarget = { integratedLufs: -23, truePeakDb: -2, rangeLu: 11 };

/** What loudnorm's measuring pass reports (its print_format=json block). */
export interface LoudnessMeasure {
  input_i: string;
  input_tp: string;
  input_lra: string;
  input_thresh: string;
  target_offset: string;
}

export interface NormalizeOptions {
  target?: LoudnessTarget;
  /** Cut to this many seconds (from the start). */
  seconds?: number;
  /** Output rate; the input's is kept when unset (loudnorm itself works at 192 kHz). */
  sampleRate: number;
  signal?: AbortSignal;
}

/** Measures a file's loudness with ffmpeg's loudnorm filter (first pass, nothing written). */
export async function measureLoudness(
  inPath: string,
  opts: Omit<NormalizeOptions, 'sampleRate'> = {},
): Promise<LoudnessMeasure> {
  const t = opts.target ?? LISTENING_TEST_LOUDNESS;
  const result = await runTool(
    FFMPEG,
    [
      '-hide_banner',
      '-nostdin',
      '-i',
      inPath,
      ...(opts.seconds !== undefined ? ['-t', opts.seconds.toFixed(3)] : []),
      '-af',
      `loudnorm=I=${t.integratedLufs}:TP=${t.truePeakDb}:LRA=${t.rangeLu}:print_format=json`,
      '-f',
      'null',
      '-',
    ],
    opts.signal,
  );
  if (result.code !== 0) {
    throw new MediaToolFailed('ffmpeg', `Measuring loudness failed: ${lastErrorLine(result.stderr, inPath)}`);
  }
  // The JSON block is the last {...} of stderr.
  const match = /\{[^{}]*"input_i"[^{}]*\}\s*$/.exec(result.stderr.trim());
  if (!match)
    throw new MediaToolFailed('ffmpeg', 'Measuring loudness failed: loudnorm printed no measurement');
  return JSON.parse(match[0]) as LoudnessMeasure;
}

/**
 * Two-pass EBU R128 normalisation (measure, then apply with the measured values, linear when possible) to
 * a 16-bit mono WAV with no metadata at all: -map_metadata -1 and bit-exact muxing leave no encoder tag,
 * title or file name in the bytes, so a stimulus says nothing about where it came from.
 */
export async function normalizeLoudness(
  inPath: string,
  outPath: string,
  opts: NormalizeOptions,
): Promise<void> {
  const t = opts.target ?? LISTENING_TEST_LOUDNESS;
  const m = await measureLoudness(inPath, opts);
  // A silent input measures -inf; there is no gain that brings silence to a loudness, so say so.
  if (!Number.isFinite(Number(m.input_i))) {
    throw new MediaToolFailed('ffmpeg', 'The clip is silent, so it cannot be normalised to a loudness');
  }
  // loudnorm takes a measured loudness up to 0 LUFS only, and refuses a louder clip (a saturated model's
  // output, full-scale noise) outright. Such a clip is first turned down by a fixed gain, and its measures
  // moved by as much: a gain shifts integrated loudness, true peak and threshold alike, and not the range.
  const down = Number(m.input_i) > -1 ? Math.ceil(Number(m.input_i)) + 10 : 0;
  const moved = (value: string) => (Number(value) - down).toFixed(2);
  const filter =
    (down ? `volume=-${down}dB,` : '') +
    `loudnorm=I=${t.integratedLufs}:TP=${t.truePeakDb}:LRA=${t.rangeLu}` +
    `:measured_I=${moved(m.input_i)}:measured_TP=${moved(m.input_tp)}:measured_LRA=${m.input_lra}` +
    `:measured_thresh=${moved(m.input_thresh)}:offset=${m.target_offset}:linear=true`;
  const result = await runTool(
    FFMPEG,
    [
      '-v',
      'error',
      '-nostdin',
      '-y',
      '-i',
      inPath,
      ...(opts.seconds !== undefined ? ['-t', opts.seconds.toFixed(3)] : []),
      '-af',
      filter,
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      '-ac',
      '1',
      '-ar',
      String(opts.sampleRate),
      '-c:a',
      'pcm_s16le',
      '-f',
      'wav',
      outPath,
    ],
    opts.signal,
  );
  if (result.code !== 0) {
    throw new MediaToolFailed(
      'ffmpeg',
      `Normalising loudness failed: ${lastErrorLine(result.stderr, inPath)}`,
    );
  }
}

export interface TrapOptions {
  /** The spoken message, made by espeak-ng. */
  message: string;
  /** How much of the stimulus plays before the message (P.808 keeps a couple of seconds). */
  leadSeconds: number;
  sampleRate: number;
  signal?: AbortSignal;
}

export const ESPEAK = process.env.ESPEAK_PATH || 'espeak-ng';

/** Speaks `text` into a WAV with Debian's espeak-ng. */
export async function speakToWav(text: string, outPath: string, signal?: AbortSignal): Promise<void> {
  const result = await runTool(ESPEAK, ['-v', 'en-us', '-s', '150', '-w', outPath, text], signal).catch(
    (error: Error) => {
      throw new MediaToolFailed(
        'espeak-ng',
        /not installed/.test(error.message)
          ? "espeak-ng is not installed or not on PATH; install Debian's espeak-ng (tools/install-system-deps.sh)."
          : error.message,
      );
    },
  );
  if (result.code !== 0) {
    throw new MediaToolFailed('espeak-ng', `Speaking the message failed: ${lastErrorLine(result.stderr)}`);
  }
}

/**
 * A trapping clip in P.808's way: the first seconds of a stimulus, then the spoken message over the
 * stimulus ducked to a quarter, so it sounds like the clips around it and then asks for an answer. It lasts
 * as long as the longer of the two: the message is always heard whole.
 */
export async function mixTrap(
  stimulusPath: string,
  speechPath: string,
  outPath: string,
  opts: TrapOptions,
): Promise<void> {
  const delayMs = Math.round(opts.leadSeconds * 1000);
  const filter =
    `[0:a]aformat=channel_layouts=mono,aresample=${opts.sampleRate},volume=0.25:enable='gte(t,${opts.leadSeconds})'[bed];` +
    `[1:a]aformat=channel_layouts=mono,aresample=${opts.sampleRate},adelay=${delayMs}:all=1[voice];` +
    `[bed][voice]amix=inputs=2:duration=longest:normalize=0[out]`;
  const result = await runTool(
    FFMPEG,
    [
      '-v',
      'error',
      '-nostdin',
      '-y',
      '-i',
      stimulusPath,
      '-i',
      speechPath,
      '-filter_complex',
      filter,
      '-map',
      '[out]',
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      '-c:a',
      'pcm_s16le',
      outPath,
    ],
    opts.signal,
  );
  if (result.code !== 0) {
    throw new MediaToolFailed('ffmpeg', `Mixing the trapping clip failed: ${lastErrorLine(result.stderr)}`);
  }
}
