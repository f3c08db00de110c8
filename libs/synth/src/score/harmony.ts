import type { ChordQuality, ChordSymbol } from '../genres/genre-styles';

const INTERVALS: Record<ChordQuality, readonly number[]> = {
  maj: [0, 4, 7],
  min: [0, 3, 7],
  dom7: [0, 4, 7, 10],
  min7: [0, 3, 7, 10],
  maj7: [0, 4, 7, 11],
};

/** The chord voice stays in this MIDI range (G3 to D5) whatever the key: close voicings, no leaps. */
const VOICE_LOW = 55;
const VOICE_HIGH = 74;

/** The bass note of a chord, within the octave above the key root. */
export function bassNote(keyRoot: number, [offset]: ChordSymbol): number {
  return keyRoot + (offset % 12);
}

/** Chord tones two octaves above the bass, each folded into the voice range, low to high. */
export function chordVoicing(keyRoot: number, [offset, quality]: ChordSymbol): number[] {
  return INTERVALS[quality]
    .map((interval) => {
      let note = keyRoot + 24 + offset + interval;
      while (note > VOICE_HIGH) note -= 12;
      while (note < VOICE_LOW) note += 12;
      return note;
    })
    .sort((a, b) => a - b);
}

/** Equal temperament, A4 = MIDI 69 = 440 Hz. */
export function midiToHz(midi: number): number {
  return 440 * Math.pow(2, (midi - 69) / 12);
}
