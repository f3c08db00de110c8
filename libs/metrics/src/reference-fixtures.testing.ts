import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** fixtures/onsets.json and fixtures/beat_scores.json, copied from the shared reference fixtures. */
export interface OnsetsFixture {
  sample_rate: number;
  clips: Record<
    string,
    { samples: number; onset_frames: number[]; onset_times: number[]; beats_per_second: number[] }
  >;
}

export interface BeatScoresFixture {
  pairs: { gt: string; generated: string; cover: number; hit: number }[];
  summary: { BCS: number; CSD: number; BHS: number; HSD: number; F1: number };
}

function load<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8')) as T;
}

export const onsetsFixture = load<OnsetsFixture>('onsets.json');
export const beatScoresFixture = load<BeatScoresFixture>('beat_scores.json');

/** librosa's frames_to_time for the fixture's hop of 512 samples. */
export const HOP_LENGTH = 512;
