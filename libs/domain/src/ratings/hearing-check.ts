import { writeWav } from '@loris/audio';

/**
 * The hearing and headphone check of the qualification (issue 17): three 1 kHz tones, one of them 12 dB
 * quieter; the rater picks the quieter one. Made on the server from the session's stored answer, so the
 * page never holds it. Tones are the same length and shape, so only the level tells them apart.
 */
export const HEARING_TONES = 3;
const SAMPLE_RATE = 22050;
const SECONDS = 1;
const QUIETER_DB = 12;
const BASE_AMPLITUDE = 0.3;

/** The levels (dB relative to the others) of the three tones for a quieter tone at `answer`. */
export function hearingLevels(answer: number): number[] {
  return Array.from({ length: HEARING_TONES }, (_, i) => (i === answer ? -QUIETER_DB : 0));
}

// Two levels only (0 and -QUIETER_DB): each tone is made once per process and served from memory.
const TONES = new Map<number, Uint8Array>();

/** One tone of the check as a 16-bit WAV: 1 kHz with 20 ms ramps (no click gives the answer away). */
export function hearingTone(levelDb: number): Uint8Array {
  let tone = TONES.get(levelDb);
  if (!tone) {
    tone = renderTone(levelDb);
    if (TONES.size < 8) TONES.set(levelDb, tone);
  }
  return tone;
}

function renderTone(levelDb: number): Uint8Array {
  const n = SAMPLE_RATE * SECONDS;
  const ramp = Math.round(0.02 * SAMPLE_RATE);
  const amplitude = BASE_AMPLITUDE * 10 ** (levelDb / 20);
  const audio = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const envelope = Math.min(1, i / ramp, (n - 1 - i) / ramp);
    audio[i] = amplitude * envelope * Math.sin((2 * Math.PI * 1000 * i) / SAMPLE_RATE);
  }
  return writeWav({ sampleRate: SAMPLE_RATE, channels: [audio] });
}
