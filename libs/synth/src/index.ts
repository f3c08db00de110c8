export { deriveSeed, SeededRandom } from './random/seeded-random';
export {
  GENRE_STYLES,
  genreStyle,
  SYNTH_GENRES,
  type DanceStyle,
  type GenreStyle,
  type GrooveStyle,
  type SynthGenre,
  type Timbre,
} from './genres/genre-styles';
export {
  composeScore,
  MIN_ACCENT_GAP,
  type Accent,
  type Bar,
  type DrumHit,
  type DrumKind,
  type Note,
  type SynthScore,
} from './score/event-score';
export { MUSIC_PEAK, renderMusic, SYNTH_SAMPLE_RATE } from './music/music-renderer';
export {
  generateSynthExample,
  MAX_SYNTH_SECONDS,
  SYNTH_POSE_FPS,
  SYNTH_VERSION,
  type SynthExample,
  type SynthExampleOptions,
} from './synth-example';
export { encodeNpyFloat32, encodeNpyFloat64 } from './io/npy-writer';
export {
  encodeSynthExample,
  splitAssignments,
  writeSynthDataset,
  writeSynthExample,
  type ManifestEntry,
  type Split,
  type SynthDatasetOptions,
  type SynthExampleFiles,
  type WrittenSynthDataset,
  type WrittenSynthExample,
} from './io/synth-writer';
export { InvalidSynthRequest, type InvalidSynthRequestCode } from './synth.errors';
