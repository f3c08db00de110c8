import type { GenreStyle } from '../genres/genre-styles';
import type { SeededRandom } from '../random/seeded-random';
import type { SynthScore } from '../score/event-score';
import { renderHat, renderKick, renderSnare, type MixTarget } from './drum-voices';
import { renderNotes, type TonalVoice } from './tonal-voices';

export const SYNTH_SAMPLE_RATE = 22050;
/** Peak of the rendered music, leaving headroom below full scale for 16-bit PCM. */
export const MUSIC_PEAK = 0.9;

function bassVoice(style: GenreStyle): TonalVoice {
  const { wave, cutoffHz, gain } = style.timbre.bass;
  return {
    wave,
    cutoffHz,
    gain,
    detuneCents: 0,
    envelope: { attack: 0.004, decay: 0.12, sustain: 0.2, release: 0.04 },
  };
}

function chordVoice(style: GenreStyle): TonalVoice {
  const { wave, cutoffHz, gain, attack, style: kind } = style.timbre.chord;
  const envelope =
    kind === 'pad'
      ? { attack, decay: 0.6, sustain: 0.6, release: 0.3 }
      : { attack, decay: 0.12, sustain: 0.3, release: 0.06 };
  return { wave, cutoffHz, gain: gain * 0.5, envelope, detuneCents: 6 };
}

/**
 * Renders the score to mono float samples in [-1, 1] at `sampleRate`: drums, bass and the chord voice
 * summed, saturated by the genre's drive, and scaled to a peak of MUSIC_PEAK.
 */
export function renderMusic(
  score: SynthScore,
  style: GenreStyle,
  rng: SeededRandom,
  sampleRate = SYNTH_SAMPLE_RATE,
): Float32Array {
  const target: MixTarget = { out: new Float64Array(Math.round(score.seconds * sampleRate)), sampleRate };
  const { timbre } = style;
  for (const hit of score.hits) {
    if (hit.kind === 'kick') renderKick(target, hit.time, hit.velocity, timbre.kick, rng);
    else if (hit.kind === 'snare') renderSnare(target, hit.time, hit.velocity, timbre.snare, rng);
    else renderHat(target, hit.time, hit.velocity, hit.kind === 'openHat', timbre.hat, rng);
  }
  renderNotes(target, score.bass, bassVoice(style));
  renderNotes(target, score.chords, chordVoice(style));
  return finish(target.out, timbre.drive);
}

function peakOf(x: ArrayLike<number>): number {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  return peak;
}

/** Pade approximant of tanh, exact to 2% on [-3, 3] and clamped beyond: cheaper than Math.tanh per sample. */
function softClip(x: number): number {
  if (x <= -3) return -1;
  if (x >= 3) return 1;
  const x2 = x * x;
  return (x * (27 + x2)) / (27 + 9 * x2);
}

/** Drive: soft clipping of the mix scaled to peak 1, then a fixed gain to MUSIC_PEAK. */
function finish(mix: Float64Array, drive: number): Float32Array {
  const out = new Float32Array(mix.length);
  const peak = peakOf(mix);
  if (peak === 0) return out;
  if (drive > 0) {
    const k = (1 + drive) / peak;
    for (let i = 0; i < mix.length; i++) mix[i] = softClip(k * mix[i]);
  }
  const gain = MUSIC_PEAK / peakOf(mix);
  for (let i = 0; i < mix.length; i++) out[i] = mix[i] * gain;
  return out;
}
