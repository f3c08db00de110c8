import type { Wave } from '../genres/genre-styles';
import type { Note } from '../score/event-score';
import { midiToHz } from '../score/harmony';
import type { MixTarget } from './drum-voices';
import { onePoleCoefficient, TABLE_SIZE, waveTable } from './oscillators';

/** An attack-decay-sustain-release envelope, in seconds and a sustain level in [0, 1]. */
export interface Envelope {
  attack: number;
  decay: number;
  sustain: number;
  release: number;
}

export interface TonalVoice {
  wave: Wave;
  cutoffHz: number;
  gain: number;
  envelope: Envelope;
  /** Spread of the oscillators of one note in cents: two detuned oscillators thicken chords. */
  detuneCents: number;
}

/** The release runs to -40 dB (exp(-4.6)). */
const RELEASE_TO_SILENCE = 4.6;

/**
 * Linear attack, exponential decay towards the sustain level while the note is held, exponential
 * release after it; products per sample instead of an exp each.
 */
function renderEnvelope(env: Envelope, held: number, sampleRate: number): Float64Array {
  const length = Math.ceil((held + env.release * RELEASE_TO_SILENCE) * sampleRate);
  const out = new Float64Array(length);
  const attack = Math.max(1, Math.round(env.attack * sampleRate));
  const heldSamples = Math.round(held * sampleRate);
  const decayMul = Math.exp(-1 / (env.decay * sampleRate));
  const releaseMul = Math.exp(-1 / (env.release * sampleRate));
  let decaying = 1 - env.sustain;
  let level = 0;
  for (let n = 0; n < length; n++) {
    if (n < attack && n < heldSamples) {
      level = n / attack;
    } else if (n < heldSamples) {
      level = env.sustain + decaying;
      decaying *= decayMul;
    } else {
      level *= releaseMul;
    }
    out[n] = level;
  }
  return out;
}

/** Renders each note (all its MIDI pitches) with a detuned pair of wavetable oscillators, envelope and low-pass. */
export function renderNotes(target: MixTarget, notes: readonly Note[], voice: TonalVoice): void {
  const { out, sampleRate } = target;
  const table = waveTable(voice.wave);
  const a = onePoleCoefficient(voice.cutoffHz, sampleRate);
  const detune = Math.pow(2, voice.detuneCents / 1200);
  for (const note of notes) {
    const envelope = renderEnvelope(voice.envelope, note.duration, sampleRate);
    const start = Math.round(note.time * sampleRate);
    const length = Math.min(envelope.length, out.length - start);
    const gain = (0.5 * voice.gain * note.velocity) / Math.sqrt(note.midi.length);
    for (const midi of note.midi) {
      const step = midiToHz(midi) / sampleRate;
      const step1 = step * detune;
      const step2 = step / detune;
      let p1 = 0;
      let p2 = 0.25;
      let y = 0;
      for (let n = 0; n < length; n++) {
        // Two interpolated table reads (readTable, inlined: this loop is most of the rendering time).
        const q1 = p1 * TABLE_SIZE;
        const i1 = q1 | 0;
        const q2 = p2 * TABLE_SIZE;
        const i2 = q2 | 0;
        const x =
          table[i1] +
          (table[i1 + 1] - table[i1]) * (q1 - i1) +
          table[i2] +
          (table[i2 + 1] - table[i2]) * (q2 - i2);
        y += a * (x - y);
        p1 += step1;
        if (p1 >= 1) p1 -= 1;
        p2 += step2;
        if (p2 >= 1) p2 -= 1;
        out[start + n] += gain * envelope[n] * y;
      }
    }
  }
}
