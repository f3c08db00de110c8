import { InvalidSynthRequest } from '../synth.errors';

/** The ten AIST++ genres, spelled as the dataset manifest and the model's genre vocabulary spell them. */
export const SYNTH_GENRES = [
  'Break',
  'Pop',
  'Lock',
  'Middle Hip-hop',
  'LA-style Hip-hop',
  'House',
  'Waack',
  'Krump',
  'Street Jazz',
  'Ballet Jazz',
] as const;

export type SynthGenre = (typeof SYNTH_GENRES)[number];

export type Range = readonly [number, number];
export type Wave = 'sine' | 'triangle' | 'saw' | 'square';
export type ChordQuality = 'maj' | 'min' | 'dom7' | 'min7' | 'maj7';
/** A chord as (semitones above the key's root, quality). */
export type ChordSymbol = readonly [number, ChordQuality];

/** Steps on a 16th-note grid of one 4/4 bar (0 = beat 1, 4 = beat 2, ...). */
export interface DrumPattern {
  kick: readonly number[];
  snare: readonly number[];
  hat: readonly number[];
  openHat: readonly number[];
}

export interface GrooveStyle {
  /** Beats per minute, drawn once per example. */
  bpm: Range;
  /** 0 straight, 1 triplet feel: the off-beat 8th sits at (0.5 + swing / 6) of the beat. */
  swing: Range;
  patterns: readonly DrumPattern[];
  /** Extra off-pattern hits per bar: candidate steps, the chance of each, and the chance it is a kick. */
  syncopation: { steps: readonly number[]; probability: number; kickShare: number };
  /** Chance that a pattern hat is left out of a bar. */
  hatDropout: number;
  /** Chance that a bar (never the first, never two in a row) is a break: drums stop for all or half of it. */
  restProbability: number;
  /** Timing jitter of each hit (seconds, standard deviation). */
  humanize: number;
}

export interface Timbre {
  kick: { startHz: Range; endHz: Range; decay: Range; click: number };
  snare: { toneHz: Range; noiseDecay: Range; brightness: number };
  hat: { decay: number; openDecay: number };
  bass: { wave: Wave; cutoffHz: number; gain: number };
  /** stab: a short chord on each snare; pad: one held chord per bar; offbeat: a stab on each open hat. */
  chord: { wave: Wave; style: 'stab' | 'pad' | 'offbeat'; cutoffHz: number; gain: number; attack: number };
  /** tanh saturation of the mix (0 = clean). */
  drive: number;
}

export interface HarmonyStyle {
  /** Bass root, MIDI note range (the chord voice sits two octaves higher). */
  keyRoot: Range;
  progressions: readonly (readonly ChordSymbol[])[];
}

/** How the dancer moves; lengths are fractions of the body height, angles radians. */
export interface DanceStyle {
  /** Exponent of the ease-out after each accent: higher is a sharper hit followed by a longer hold. */
  sharpness: number;
  /** A move lasts until the next accent on the same body part, at most this many beats. */
  maxMoveBeats: number;
  /** Hip drop on kicks. */
  bounce: Range;
  /** Chance that a kick is also a step (a foot slides sideways). */
  stepChance: number;
  /** Arm raise (shoulder angle from hanging) reachable on snares, and the chance both arms move. */
  armRaise: Range;
  bothArms: number;
  /** Torso lean on snares. */
  lean: number;
  /** Head nod depth on hats (fraction of the neck). */
  nod: number;
  /** Side-to-side sway of the hips while the music plays (turns on the beats). */
  sway: number;
}

export interface GenreStyle {
  genre: SynthGenre;
  /** File-name form: "Middle Hip-hop" -> "middle-hip-hop". */
  slug: string;
  groove: GrooveStyle;
  harmony: HarmonyStyle;
  timbre: Timbre;
  dance: DanceStyle;
}

const EIGHTHS = [0, 2, 4, 6, 8, 10, 12, 14];
const OFFBEATS = [2, 6, 10, 14];
const QUARTERS = [0, 4, 8, 12];
const NONE: readonly number[] = [];

// Progressions (semitones above the key, quality); one is drawn per example and cycled one chord per bar.
const MINOR_LOOP: ChordSymbol[] = [
  [0, 'min'],
  [8, 'maj'],
  [3, 'maj'],
  [10, 'maj'],
];
const MINOR_CADENCE: ChordSymbol[] = [
  [0, 'min'],
  [5, 'min'],
  [7, 'min'],
  [0, 'min'],
];
const MINOR_DESCENT: ChordSymbol[] = [
  [0, 'min'],
  [10, 'maj'],
  [8, 'maj'],
  [10, 'maj'],
];
const POP_LOOP: ChordSymbol[] = [
  [0, 'maj'],
  [7, 'maj'],
  [9, 'min'],
  [5, 'maj'],
];
const FUNK_VAMP: ChordSymbol[] = [
  [0, 'dom7'],
  [5, 'dom7'],
];
const DORIAN_VAMP: ChordSymbol[] = [
  [0, 'min7'],
  [5, 'dom7'],
];
const JAZZ_TURN: ChordSymbol[] = [
  [2, 'min7'],
  [7, 'dom7'],
  [0, 'maj7'],
  [9, 'min7'],
];
const SOUL_LOOP: ChordSymbol[] = [
  [0, 'min7'],
  [3, 'maj7'],
  [8, 'maj7'],
  [7, 'min7'],
];
const BALLAD: ChordSymbol[] = [
  [0, 'maj7'],
  [9, 'min7'],
  [5, 'maj7'],
  [7, 'dom7'],
];

const DRY_HATS = { decay: 0.03, openDecay: 0.1 };

/**
 * One row per genre. Tempo ranges (BPM): Break 100-120, Pop 95-110, Lock 100-120, Middle Hip-hop 85-100,
 * LA-style Hip-hop 90-105, House 118-128, Waack 110-125, Krump 130-145, Street Jazz 95-115,
 * Ballet Jazz 80-100, which keeps 8th-note accents at least 6 pose frames (30 fps) apart.
 */
export const GENRE_STYLES: Readonly<Record<SynthGenre, GenreStyle>> = {
  Break: {
    genre: 'Break',
    slug: 'break',
    groove: {
      bpm: [100, 120],
      swing: [0, 0.2],
      patterns: [
        { kick: [0, 10], snare: [4, 12], hat: EIGHTHS, openHat: NONE },
        { kick: [0, 6, 10], snare: [4, 12], hat: EIGHTHS, openHat: NONE },
        { kick: [0, 3, 10], snare: [4, 12], hat: [0, 6, 8, 10, 14], openHat: [2] },
      ],
      syncopation: { steps: [7, 9, 11, 14], probability: 0.3, kickShare: 0.6 },
      hatDropout: 0.12,
      restProbability: 0.12,
      humanize: 0.004,
    },
    harmony: { keyRoot: [36, 43], progressions: [MINOR_LOOP, MINOR_DESCENT, FUNK_VAMP] },
    timbre: {
      kick: { startHz: [140, 170], endHz: [48, 56], decay: [0.13, 0.18], click: 0.35 },
      snare: { toneHz: [180, 210], noiseDecay: [0.058, 0.085], brightness: 0.6 },
      hat: DRY_HATS,
      bass: { wave: 'square', cutoffHz: 500, gain: 0.32 },
      chord: { wave: 'saw', style: 'stab', cutoffHz: 2400, gain: 0.16, attack: 0.004 },
      drive: 0.8,
    },
    dance: {
      sharpness: 3,
      maxMoveBeats: 1.5,
      bounce: [0.03, 0.06],
      stepChance: 0.45,
      armRaise: [0.2, 2.2],
      bothArms: 0.35,
      lean: 0.18,
      nod: 0.3,
      sway: 0.015,
    },
  },
  Pop: {
    genre: 'Pop',
    slug: 'pop',
    groove: {
      bpm: [95, 110],
      swing: [0, 0.15],
      patterns: [
        { kick: [0, 8], snare: [4, 12], hat: EIGHTHS, openHat: NONE },
        { kick: [0, 6, 8], snare: [4, 12], hat: EIGHTHS, openHat: NONE },
      ],
      syncopation: { steps: [3, 11, 14], probability: 0.25, kickShare: 0.5 },
      hatDropout: 0.1,
      restProbability: 0.1,
      humanize: 0.003,
    },
    harmony: { keyRoot: [36, 43], progressions: [FUNK_VAMP, DORIAN_VAMP, MINOR_LOOP] },
    timbre: {
      kick: { startHz: [150, 180], endHz: [50, 58], decay: [0.11, 0.15], click: 0.4 },
      snare: { toneHz: [200, 230], noiseDecay: [0.052, 0.072], brightness: 0.75 },
      hat: DRY_HATS,
      bass: { wave: 'saw', cutoffHz: 700, gain: 0.3 },
      chord: { wave: 'square', style: 'stab', cutoffHz: 2000, gain: 0.15, attack: 0.003 },
      drive: 0.4,
    },
    dance: {
      sharpness: 6,
      maxMoveBeats: 1,
      bounce: [0.02, 0.04],
      stepChance: 0.15,
      armRaise: [0.3, 1.8],
      bothArms: 0.5,
      lean: 0.12,
      nod: 0.35,
      sway: 0.008,
    },
  },
  Lock: {
    genre: 'Lock',
    slug: 'lock',
    groove: {
      bpm: [100, 120],
      swing: [0.1, 0.3],
      patterns: [
        { kick: [0, 6, 10], snare: [4, 12], hat: EIGHTHS, openHat: NONE },
        { kick: [0, 8, 11], snare: [4, 12], hat: [0, 2, 4, 6, 8, 12, 14], openHat: NONE },
      ],
      syncopation: { steps: [3, 7, 14], probability: 0.25, kickShare: 0.5 },
      hatDropout: 0.1,
      // Locking is built on freezes: more breaks than the other genres.
      restProbability: 0.2,
      humanize: 0.004,
    },
    harmony: { keyRoot: [38, 45], progressions: [FUNK_VAMP, POP_LOOP] },
    timbre: {
      kick: { startHz: [130, 160], endHz: [52, 60], decay: [0.11, 0.15], click: 0.3 },
      snare: { toneHz: [190, 220], noiseDecay: [0.065, 0.091], brightness: 0.65 },
      hat: DRY_HATS,
      bass: { wave: 'triangle', cutoffHz: 900, gain: 0.36 },
      chord: { wave: 'saw', style: 'stab', cutoffHz: 2800, gain: 0.15, attack: 0.005 },
      drive: 0.3,
    },
    dance: {
      sharpness: 5,
      maxMoveBeats: 1,
      bounce: [0.025, 0.05],
      stepChance: 0.25,
      armRaise: [0.4, 2.6],
      bothArms: 0.6,
      lean: 0.15,
      nod: 0.3,
      sway: 0.01,
    },
  },
  'Middle Hip-hop': {
    genre: 'Middle Hip-hop',
    slug: 'middle-hip-hop',
    groove: {
      bpm: [85, 100],
      swing: [0.3, 0.6],
      patterns: [
        { kick: [0, 7, 10], snare: [4, 12], hat: EIGHTHS, openHat: NONE },
        { kick: [0, 3, 8], snare: [4, 12], hat: [0, 6, 8, 10, 12, 14], openHat: NONE },
      ],
      syncopation: { steps: [11, 14, 15], probability: 0.25, kickShare: 0.7 },
      hatDropout: 0.1,
      restProbability: 0.1,
      humanize: 0.006,
    },
    harmony: { keyRoot: [36, 41], progressions: [SOUL_LOOP, DORIAN_VAMP, MINOR_CADENCE] },
    timbre: {
      kick: { startHz: [110, 140], endHz: [45, 52], decay: [0.17, 0.24], click: 0.25 },
      snare: { toneHz: [170, 200], noiseDecay: [0.078, 0.104], brightness: 0.5 },
      hat: { decay: 0.035, openDecay: 0.1 },
      bass: { wave: 'sine', cutoffHz: 400, gain: 0.42 },
      chord: { wave: 'triangle', style: 'stab', cutoffHz: 1800, gain: 0.2, attack: 0.006 },
      drive: 0.5,
    },
    dance: {
      sharpness: 3,
      maxMoveBeats: 1.5,
      bounce: [0.035, 0.065],
      stepChance: 0.25,
      armRaise: [0.2, 1.6],
      bothArms: 0.3,
      lean: 0.15,
      nod: 0.45,
      sway: 0.015,
    },
  },
  'LA-style Hip-hop': {
    genre: 'LA-style Hip-hop',
    slug: 'la-style-hip-hop',
    groove: {
      bpm: [90, 105],
      swing: [0.15, 0.4],
      patterns: [
        { kick: [0, 6, 8, 14], snare: [4, 12], hat: EIGHTHS, openHat: NONE },
        { kick: [0, 8, 10], snare: [4, 12], hat: [0, 2, 4, 8, 10, 12], openHat: [6, 14] },
      ],
      syncopation: { steps: [3, 11], probability: 0.3, kickShare: 0.6 },
      hatDropout: 0.12,
      restProbability: 0.12,
      humanize: 0.005,
    },
    harmony: { keyRoot: [36, 42], progressions: [MINOR_LOOP, SOUL_LOOP, MINOR_CADENCE] },
    timbre: {
      kick: { startHz: [100, 130], endHz: [42, 50], decay: [0.21, 0.28], click: 0.2 },
      snare: { toneHz: [180, 220], noiseDecay: [0.065, 0.091], brightness: 0.7 },
      hat: DRY_HATS,
      bass: { wave: 'sine', cutoffHz: 300, gain: 0.45 },
      chord: { wave: 'square', style: 'stab', cutoffHz: 2200, gain: 0.14, attack: 0.003 },
      drive: 0.6,
    },
    dance: {
      sharpness: 4,
      maxMoveBeats: 1.25,
      bounce: [0.03, 0.055],
      stepChance: 0.3,
      armRaise: [0.3, 2.2],
      bothArms: 0.45,
      lean: 0.2,
      nod: 0.4,
      sway: 0.012,
    },
  },
  House: {
    genre: 'House',
    slug: 'house',
    groove: {
      bpm: [118, 128],
      swing: [0, 0.1],
      patterns: [
        { kick: QUARTERS, snare: [4, 12], hat: NONE, openHat: OFFBEATS },
        { kick: QUARTERS, snare: [4, 12], hat: [2, 10], openHat: [6, 14] },
      ],
      syncopation: { steps: [7, 15], probability: 0.12, kickShare: 0.3 },
      hatDropout: 0.05,
      restProbability: 0.06,
      humanize: 0.002,
    },
    harmony: { keyRoot: [38, 45], progressions: [SOUL_LOOP, DORIAN_VAMP, POP_LOOP] },
    timbre: {
      kick: { startHz: [120, 150], endHz: [48, 55], decay: [0.14, 0.18], click: 0.3 },
      snare: { toneHz: [900, 1100], noiseDecay: [0.052, 0.072], brightness: 0.85 },
      hat: { decay: 0.03, openDecay: 0.1 },
      bass: { wave: 'saw', cutoffHz: 600, gain: 0.3 },
      chord: { wave: 'square', style: 'offbeat', cutoffHz: 2600, gain: 0.13, attack: 0.004 },
      drive: 0.2,
    },
    dance: {
      sharpness: 2.5,
      maxMoveBeats: 1,
      bounce: [0.03, 0.05],
      stepChance: 0.6,
      armRaise: [0.2, 1.5],
      bothArms: 0.4,
      lean: 0.1,
      nod: 0.35,
      sway: 0.012,
    },
  },
  Waack: {
    genre: 'Waack',
    slug: 'waack',
    groove: {
      bpm: [110, 125],
      swing: [0, 0.1],
      patterns: [
        { kick: QUARTERS, snare: [4, 12], hat: [0, 4, 8, 12], openHat: OFFBEATS },
        { kick: QUARTERS, snare: [4, 12], hat: EIGHTHS, openHat: NONE },
      ],
      syncopation: { steps: [7, 14], probability: 0.15, kickShare: 0.3 },
      hatDropout: 0.08,
      restProbability: 0.08,
      humanize: 0.003,
    },
    harmony: { keyRoot: [38, 45], progressions: [POP_LOOP, SOUL_LOOP, FUNK_VAMP] },
    timbre: {
      kick: { startHz: [130, 160], endHz: [50, 58], decay: [0.13, 0.17], click: 0.3 },
      snare: { toneHz: [200, 240], noiseDecay: [0.065, 0.085], brightness: 0.7 },
      hat: { decay: 0.03, openDecay: 0.1 },
      bass: { wave: 'saw', cutoffHz: 900, gain: 0.3 },
      chord: { wave: 'saw', style: 'pad', cutoffHz: 1800, gain: 0.12, attack: 0.04 },
      drive: 0.2,
    },
    dance: {
      // Waacking is arm work: fast, wide, both arms often.
      sharpness: 4,
      maxMoveBeats: 0.75,
      bounce: [0.015, 0.03],
      stepChance: 0.15,
      armRaise: [0.5, 2.8],
      bothArms: 0.7,
      lean: 0.1,
      nod: 0.3,
      sway: 0.01,
    },
  },
  Krump: {
    genre: 'Krump',
    slug: 'krump',
    groove: {
      bpm: [130, 145],
      swing: [0, 0.1],
      patterns: [
        { kick: [0, 2, 8, 10], snare: [4, 12], hat: EIGHTHS, openHat: NONE },
        { kick: [0, 6, 8], snare: [4, 12, 14], hat: [0, 2, 4, 8, 10], openHat: NONE },
      ],
      syncopation: { steps: [3, 11, 6], probability: 0.25, kickShare: 0.5 },
      hatDropout: 0.15,
      restProbability: 0.1,
      humanize: 0.003,
    },
    harmony: { keyRoot: [33, 38], progressions: [MINOR_CADENCE, MINOR_DESCENT] },
    timbre: {
      kick: { startHz: [150, 190], endHz: [42, 50], decay: [0.1, 0.14], click: 0.45 },
      snare: { toneHz: [160, 190], noiseDecay: [0.078, 0.111], brightness: 0.55 },
      hat: DRY_HATS,
      bass: { wave: 'square', cutoffHz: 400, gain: 0.35 },
      chord: { wave: 'saw', style: 'stab', cutoffHz: 1500, gain: 0.16, attack: 0.003 },
      drive: 0.3,
    },
    dance: {
      // Chest pops, stomps and jabs: the sharpest hits and the deepest lean.
      sharpness: 6,
      maxMoveBeats: 1,
      bounce: [0.04, 0.07],
      stepChance: 0.4,
      armRaise: [0.3, 2.4],
      bothArms: 0.5,
      lean: 0.25,
      nod: 0.35,
      sway: 0.008,
    },
  },
  'Street Jazz': {
    genre: 'Street Jazz',
    slug: 'street-jazz',
    groove: {
      bpm: [95, 115],
      swing: [0.2, 0.45],
      patterns: [
        { kick: [0, 6, 10], snare: [4, 12], hat: EIGHTHS, openHat: NONE },
        { kick: [0, 8, 11], snare: [4, 12], hat: [0, 4, 8, 12, 14], openHat: [6] },
      ],
      syncopation: { steps: [3, 7, 14], probability: 0.25, kickShare: 0.5 },
      hatDropout: 0.15,
      restProbability: 0.12,
      humanize: 0.005,
    },
    harmony: { keyRoot: [36, 43], progressions: [JAZZ_TURN, DORIAN_VAMP, SOUL_LOOP] },
    timbre: {
      kick: { startHz: [120, 150], endHz: [48, 56], decay: [0.14, 0.2], click: 0.25 },
      snare: { toneHz: [190, 220], noiseDecay: [0.065, 0.091], brightness: 0.6 },
      hat: { decay: 0.035, openDecay: 0.1 },
      bass: { wave: 'triangle', cutoffHz: 700, gain: 0.38 },
      chord: { wave: 'triangle', style: 'stab', cutoffHz: 2400, gain: 0.2, attack: 0.005 },
      drive: 0.2,
    },
    dance: {
      sharpness: 3.5,
      maxMoveBeats: 1.25,
      bounce: [0.025, 0.045],
      stepChance: 0.35,
      armRaise: [0.3, 2.6],
      bothArms: 0.45,
      lean: 0.2,
      nod: 0.3,
      sway: 0.014,
    },
  },
  'Ballet Jazz': {
    genre: 'Ballet Jazz',
    slug: 'ballet-jazz',
    groove: {
      bpm: [80, 100],
      swing: [0, 0.15],
      patterns: [
        { kick: [0, 8], snare: [4, 12], hat: OFFBEATS, openHat: NONE },
        { kick: [0, 10], snare: [4, 12], hat: [2, 6, 14], openHat: NONE },
      ],
      syncopation: { steps: [6, 14], probability: 0.12, kickShare: 0.5 },
      hatDropout: 0.3,
      restProbability: 0.12,
      humanize: 0.006,
    },
    harmony: { keyRoot: [38, 45], progressions: [BALLAD, POP_LOOP, JAZZ_TURN] },
    timbre: {
      kick: { startHz: [100, 120], endHz: [50, 58], decay: [0.14, 0.18], click: 0.15 },
      snare: { toneHz: [200, 240], noiseDecay: [0.052, 0.072], brightness: 0.45 },
      hat: { decay: 0.04, openDecay: 0.1 },
      bass: { wave: 'sine', cutoffHz: 500, gain: 0.4 },
      chord: { wave: 'triangle', style: 'pad', cutoffHz: 1600, gain: 0.22, attack: 0.05 },
      drive: 0,
    },
    dance: {
      // Flowing: the gentlest ease-out and the widest arm arcs.
      sharpness: 2,
      maxMoveBeats: 2,
      bounce: [0.015, 0.03],
      stepChance: 0.25,
      armRaise: [0.4, 2.8],
      bothArms: 0.6,
      lean: 0.22,
      nod: 0.25,
      sway: 0.016,
    },
  },
};

/**
 * The style of a genre, named as in SYNTH_GENRES (case-insensitive) or by its slug ("la-style-hip-hop");
 * anything else lists the valid names.
 */
export function genreStyle(name: string): GenreStyle {
  const key = name.trim().toLowerCase();
  const style = Object.values(GENRE_STYLES).find((s) => s.genre.toLowerCase() === key || s.slug === key);
  if (!style) {
    throw new InvalidSynthRequest(
      'SYNTH_UNKNOWN_GENRE',
      `unknown genre ${JSON.stringify(name)}; valid genres: ${SYNTH_GENRES.map((g) => JSON.stringify(g)).join(', ')}`,
    );
  }
  return style;
}
