import type { ChordSymbol, DrumPattern, GenreStyle, SynthGenre } from '../genres/genre-styles';
import type { SeededRandom } from '../random/seeded-random';
import { chordVoicing, bassNote } from './harmony';

export type DrumKind = 'kick' | 'snare' | 'hat' | 'openHat';

export interface DrumHit {
  time: number;
  kind: DrumKind;
  velocity: number;
}

/** Drum hits that sound at the same instant, as one event the dancer hits. */
export interface Accent {
  time: number;
  kinds: DrumKind[];
  /** In (0, 1]: how hard the dancer hits it (a kick or snare more than a hat). */
  strength: number;
}

export type RestKind = 'none' | 'half' | 'full';

export interface Bar {
  index: number;
  start: number;
  /** A break: no drums (and so no dance accents) for the whole bar or its second half. */
  rest: RestKind;
  chord: ChordSymbol;
}

export interface Note {
  time: number;
  duration: number;
  /** MIDI note numbers sounding together (one for the bass). */
  midi: number[];
  velocity: number;
}

/** Everything that sounds in an example and everything the dancer hits, in seconds from the start. */
export interface SynthScore {
  genre: SynthGenre;
  seconds: number;
  bpm: number;
  beatSeconds: number;
  swing: number;
  keyRoot: number;
  bars: Bar[];
  hits: DrumHit[];
  accents: Accent[];
  bass: Note[];
  chords: Note[];
}

const STEPS_PER_BAR = 16;
/**
 * Closest two accents may be: 5.4 frames at 30 fps, so the visual peak picker (local max over +-3
 * frames) and the audio one (+-3 hops of 23 ms) can resolve every accent.
 */
export const MIN_ACCENT_GAP = 0.18;
/** Hits are kept inside the clip with this margin, so every accent has a visible attack and follow-through. */
const EDGE_MARGIN = 0.05;
const RHYTHM_WEIGHT: Record<DrumKind, number> = { kick: 1, snare: 1, openHat: 0.75, hat: 0.65 };

interface Candidate extends DrumHit {
  /** 0 pattern kick or snare, 1 syncopation, 2 hats: lower tiers win a clash. */
  tier: number;
}

/** Position of a 16th step inside its beat after swing: the off-beat 8th moves to 0.5 + swing / 6. */
function swungFraction(step: number, swing: number): number {
  const u = (step % 4) / 4;
  const mid = 0.5 + swing / 6;
  return u < 0.5 ? (u / 0.5) * mid : mid + ((u - 0.5) / 0.5) * (1 - mid);
}

function planBars(style: GenreStyle, seconds: number, rng: SeededRandom, beat: number): Bar[] {
  const barSeconds = 4 * beat;
  // Clips start anywhere in a bar, so time 0 is not always a downbeat.
  const first = -rng.uniform(0, barSeconds);
  const progression = rng.pick(style.harmony.progressions);
  const bars: Bar[] = [];
  for (let index = 0; first + index * barSeconds < seconds; index++) {
    const previous = bars[index - 1];
    let rest: RestKind = 'none';
    if (index >= 2 && previous.rest === 'none' && rng.chance(style.groove.restProbability)) {
      rest = rng.chance(0.6) ? 'full' : 'half';
    }
    bars.push({
      index,
      start: first + index * barSeconds,
      rest,
      chord: progression[index % progression.length],
    });
  }
  return bars;
}

function barCandidates(
  bar: Bar,
  pattern: DrumPattern,
  style: GenreStyle,
  rng: SeededRandom,
  timeOf: (step: number) => number,
): Candidate[] {
  const lastStep = bar.rest === 'full' ? 0 : bar.rest === 'half' ? STEPS_PER_BAR / 2 : STEPS_PER_BAR;
  const out: Candidate[] = [];
  const add = (kind: DrumKind, step: number, tier: number, velocity: number) => {
    if (step < lastStep) out.push({ time: timeOf(step), kind, velocity, tier });
  };
  for (const step of pattern.kick)
    add('kick', step, 0, step === 0 ? rng.uniform(0.92, 1) : rng.uniform(0.8, 0.95));
  for (const step of pattern.snare) add('snare', step, 0, rng.uniform(0.85, 1));
  const { syncopation } = style.groove;
  for (const step of syncopation.steps) {
    if (pattern.kick.includes(step) || pattern.snare.includes(step) || !rng.chance(syncopation.probability))
      continue;
    add(rng.chance(syncopation.kickShare) ? 'kick' : 'snare', step, 1, rng.uniform(0.7, 0.9));
  }
  for (const step of pattern.hat)
    if (!rng.chance(style.groove.hatDropout)) add('hat', step, 2, rng.uniform(0.4, 0.6));
  for (const step of pattern.openHat) {
    if (!rng.chance(style.groove.hatDropout)) add('openHat', step, 2, rng.uniform(0.5, 0.7));
  }
  return out;
}

/**
 * Keeps the hits that fit: strongest tier first, then earliest; a hit closer than MIN_ACCENT_GAP to a
 * kept one is dropped unless it sounds at exactly the same time (a kick with a hat is one accent).
 */
function thinHits(candidates: Candidate[], seconds: number): DrumHit[] {
  const ordered = candidates
    .filter((c) => c.time >= EDGE_MARGIN && c.time <= seconds - EDGE_MARGIN)
    .sort((a, b) => a.tier - b.tier || a.time - b.time);
  const kept: Candidate[] = [];
  for (const c of ordered) {
    const clash = kept.some((k) => k.time !== c.time && Math.abs(k.time - c.time) < MIN_ACCENT_GAP);
    const duplicate = kept.some((k) => k.time === c.time && k.kind === c.kind);
    if (!clash && !duplicate) kept.push(c);
  }
  return kept
    .sort((a, b) => a.time - b.time || a.tier - b.tier)
    .map(({ time, kind, velocity }) => ({ time, kind, velocity }));
}

function groupAccents(hits: DrumHit[]): Accent[] {
  const accents: Accent[] = [];
  for (const hit of hits) {
    const last = accents[accents.length - 1];
    const strength = RHYTHM_WEIGHT[hit.kind] * hit.velocity;
    if (last && last.time === hit.time) {
      last.kinds.push(hit.kind);
      last.strength = Math.max(last.strength, strength);
    } else {
      accents.push({ time: hit.time, kinds: [hit.kind], strength });
    }
  }
  return accents;
}

function barAt(bars: Bar[], time: number): Bar {
  let found = bars[0];
  for (const bar of bars) if (bar.start <= time + 1e-9) found = bar;
  return found;
}

/** Bass on every kick (root mostly, a fifth or octave on off-beat kicks), held until the next kick. */
function writeBass(
  score: { bars: Bar[]; hits: DrumHit[]; keyRoot: number; beat: number },
  rng: SeededRandom,
): Note[] {
  const kicks = score.hits.filter((h) => h.kind === 'kick');
  return kicks.map((kick, i) => {
    const bar = barAt(score.bars, kick.time);
    const onDownbeat = Math.abs(kick.time - bar.start) < 0.02;
    const interval = onDownbeat ? 0 : rng.pick([0, 0, 0, 7, 12]);
    const next = kicks[i + 1]?.time ?? kick.time + score.beat;
    const duration = Math.min(next - kick.time - 0.01, score.beat);
    return {
      time: kick.time,
      duration,
      midi: [bassNote(score.keyRoot, bar.chord) + interval],
      velocity: kick.velocity,
    };
  });
}

/** The chord voice, started only on accents so that every onset in the music is one the dancer hits. */
function writeChords(style: GenreStyle, bars: Bar[], hits: DrumHit[], keyRoot: number, beat: number): Note[] {
  const voice = style.timbre.chord.style;
  if (voice === 'pad') {
    return bars.flatMap((bar) => {
      const downbeat = hits.find((h) => h.kind === 'kick' && Math.abs(h.time - bar.start) < 0.02);
      if (!downbeat || bar.rest === 'full') return [];
      const duration = 4 * beat - (downbeat.time - bar.start) - 0.02;
      return [{ time: downbeat.time, duration, midi: chordVoicing(keyRoot, bar.chord), velocity: 0.8 }];
    });
  }
  const trigger: DrumKind = voice === 'stab' ? 'snare' : 'openHat';
  const length = voice === 'stab' ? Math.min(0.32, beat * 0.6) : Math.min(0.2, beat * 0.4);
  return hits
    .filter((h) => h.kind === trigger)
    .map((h) => ({
      time: h.time,
      duration: length,
      midi: chordVoicing(keyRoot, barAt(bars, h.time).chord),
      velocity: h.velocity,
    }));
}

/**
 * The event score of one example: a tempo, bars of 4/4 with a groove drawn from the genre's patterns
 * (one groove per example, another in about one bar in five), syncopated hits, breaks, and the bass and
 * chord notes that go with them.
 */
export function composeScore(style: GenreStyle, seconds: number, rng: SeededRandom): SynthScore {
  const groove = style.groove;
  const bpm = Math.round(rng.uniform(groove.bpm[0], groove.bpm[1]) * 10) / 10;
  const beat = 60 / bpm;
  const swing = rng.uniform(groove.swing[0], groove.swing[1]);
  const keyRoot = rng.int(style.harmony.keyRoot[0], style.harmony.keyRoot[1]);
  const bars = planBars(style, seconds, rng, beat);
  const mainPattern = rng.pick(groove.patterns);

  const candidates: Candidate[] = [];
  for (const bar of bars) {
    const pattern = rng.chance(0.2) ? rng.pick(groove.patterns) : mainPattern;
    // One timing jitter per step, so hits on the same step stay simultaneous.
    const jitter = Array.from({ length: STEPS_PER_BAR }, () => rng.normal() * groove.humanize);
    const timeOf = (step: number) =>
      bar.start + (Math.floor(step / 4) + swungFraction(step, swing)) * beat + jitter[step];
    candidates.push(...barCandidates(bar, pattern, style, rng, timeOf));
  }
  const hits = thinHits(candidates, seconds);
  return {
    genre: style.genre,
    seconds,
    bpm,
    beatSeconds: beat,
    swing,
    keyRoot,
    bars,
    hits,
    accents: groupAccents(hits),
    bass: writeBass({ bars, hits, keyRoot, beat }, rng),
    chords: writeChords(style, bars, hits, keyRoot, beat),
  };
}
