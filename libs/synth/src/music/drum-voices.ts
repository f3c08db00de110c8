import type { Range, Timbre } from '../genres/genre-styles';
import type { SeededRandom } from '../random/seeded-random';
import { readTable, waveTable } from './oscillators';

/** Where a voice writes: the mix buffer and the sample rate it runs at. */
export interface MixTarget {
  out: Float64Array;
  sampleRate: number;
}

/**
 * Mix levels of the drums. The hats are loud on purpose: the benchmark's onset detector (mel spectral
 * flux in dB) must find every hit the dancer hits, and a hat only excites the top third of the mel bands.
 */
const LEVEL = { kick: 0.9, snare: 0.25, hat: 0.85, openHat: 0.7 };
/** Each voice stops once its envelope is below -43 dB (exp(-5)), well under the rest of the mix. */
const DECAYS_TO_SILENCE = 5;

function draw(rng: SeededRandom, [lo, hi]: Range): number {
  return rng.uniform(lo, hi);
}

/** Samples from `start` a voice of `seconds` may write without running past the buffer. */
function span(target: MixTarget, time: number, seconds: number): { start: number; length: number } {
  const start = Math.round(time * target.sampleRate);
  return {
    start,
    length: Math.max(0, Math.min(Math.ceil(seconds * target.sampleRate), target.out.length - start)),
  };
}

/**
 * Kick: a sine whose pitch falls exponentially from startHz to endHz (the classic analogue kick, after
 * the TR-808 bass drum's swept oscillator), an exponential amplitude decay, and a short noise click.
 * Exponentials run as per-sample products, the sine from the band-limited table.
 */
export function renderKick(
  target: MixTarget,
  time: number,
  velocity: number,
  timbre: Timbre['kick'],
  rng: SeededRandom,
): void {
  const { out, sampleRate } = target;
  const f0 = draw(rng, timbre.startHz);
  const f1 = draw(rng, timbre.endHz);
  const decay = draw(rng, timbre.decay);
  const { start, length } = span(target, time, decay * DECAYS_TO_SILENCE);
  const sine = waveTable('sine');
  const gain = LEVEL.kick * velocity;
  const sweepMul = Math.exp(-1 / (0.035 * sampleRate));
  const ampMul = Math.exp(-1 / (decay * sampleRate));
  const clickMul = Math.exp(-1 / (0.004 * sampleRate));
  const clickLength = Math.round(0.012 * sampleRate);
  let sweep = 1;
  let amp = 1;
  // The click carries the kick's onset into the upper mel bands, where the bass does not mask it.
  let click = 2 * timbre.click;
  let phase = 0;
  for (let n = 0; n < length; n++) {
    phase += (f1 + (f0 - f1) * sweep) / sampleRate;
    phase -= Math.floor(phase);
    let v = readTable(sine, phase) * amp;
    if (n < clickLength) {
      v += click * (rng.next() * 2 - 1);
      click *= clickMul;
    }
    out[start + n] += gain * v;
    sweep *= sweepMul;
    amp *= ampMul;
  }
}

/** Snare: a decaying tone (the drum head) under a longer burst of noise tilted bright (the wires). */
export function renderSnare(
  target: MixTarget,
  time: number,
  velocity: number,
  timbre: Timbre['snare'],
  rng: SeededRandom,
): void {
  const { out, sampleRate } = target;
  const toneHz = draw(rng, timbre.toneHz);
  const noiseDecay = draw(rng, timbre.noiseDecay);
  const { start, length } = span(target, time, noiseDecay * DECAYS_TO_SILENCE);
  const sine = waveTable('sine');
  const gain = LEVEL.snare * velocity;
  const b = timbre.brightness;
  const noiseMul = Math.exp(-1 / (noiseDecay * sampleRate));
  const toneMul = Math.exp(-1 / (0.045 * sampleRate));
  let noiseEnv = 1;
  let toneEnv = 0.6;
  let previous = 0;
  let phase = 0;
  for (let n = 0; n < length; n++) {
    const white = rng.next() * 2 - 1;
    // Mixing white noise with its first difference tilts the spectrum up by `brightness`.
    const noise = (1 - b) * white + b * 0.5 * (white - previous);
    previous = white;
    out[start + n] += gain * (noise * noiseEnv + readTable(sine, phase) * toneEnv);
    phase += toneHz / sampleRate;
    phase -= Math.floor(phase);
    noiseEnv *= noiseMul;
    toneEnv *= toneMul;
  }
}

/** Hi-hat: white noise through a first difference (+6 dB/octave), so it spans the bands above 1 kHz. */
export function renderHat(
  target: MixTarget,
  time: number,
  velocity: number,
  open: boolean,
  timbre: Timbre['hat'],
  rng: SeededRandom,
): void {
  const { out, sampleRate } = target;
  const decay = open ? timbre.openDecay : timbre.decay;
  const { start, length } = span(target, time, decay * DECAYS_TO_SILENCE);
  const gain = 0.5 * (open ? LEVEL.openHat : LEVEL.hat) * velocity;
  const mul = Math.exp(-1 / (decay * sampleRate));
  let env = gain;
  let x1 = 0;
  for (let n = 0; n < length; n++) {
    const x = rng.next() * 2 - 1;
    out[start + n] += env * (x - x1);
    x1 = x;
    env *= mul;
  }
}
