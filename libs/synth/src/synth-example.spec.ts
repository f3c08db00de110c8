import { detectOnsets } from '@loris/audio';
import { onsetFMeasure } from '@loris/metrics';
import { packPoseTrack, visualRhythm } from '@loris/rhythm';
import { SYNTH_GENRES } from './genres/genre-styles';
import { generateSynthExample, type SynthExample } from './synth-example';
import { InvalidSynthRequest } from './synth.errors';

const SECONDS = 20;

describe('generateSynthExample', () => {
  // One example per genre, shared by the checks below (about a second in all).
  const examples: SynthExample[] = SYNTH_GENRES.map((genre, i) =>
    generateSynthExample({ genre, seconds: SECONDS, seed: 100 + i }),
  );
  const accentTimes = (ex: SynthExample) => ex.score.accents.map((a) => a.time);
  const paperRhythm = examples.map((ex) => visualRhythm(ex.poses));

  it('pairs 22050 Hz mono music at peak 0.9 with a valid 30 fps COCO-17 track and its features', () => {
    for (const ex of examples) {
      expect(ex.sampleRate).toBe(22050);
      expect(ex.audio.length).toBe(SECONDS * 22050);
      let peak = 0;
      for (const v of ex.audio) peak = Math.max(peak, Math.abs(v));
      expect(peak).toBeCloseTo(0.9, 5);
      const packed = packPoseTrack(ex.poses);
      expect(packed.fps).toBe(30);
      expect(packed.frames).toBe(SECONDS * 30);
      expect(ex.features.kind).toBe('pose-kinematics-v1');
      expect([ex.features.frames, ex.features.dims]).toEqual([SECONDS * 30, 68]);
      expect(ex.features.data.every((v) => Number.isFinite(v))).toBe(true);
    }
  });

  it('puts a visual rhythm peak (paper eq. 4-7) on every accent and nowhere else', () => {
    const scores = examples.map(
      (ex) => onsetFMeasure(accentTimes(ex), visualRhythm(ex.poses).peakTimes).fMeasure,
    );
    for (const f of scores) expect(f).toBeGreaterThan(0.85);
    expect(scores.reduce((a, b) => a + b) / scores.length).toBeGreaterThan(0.95);
  });

  it('does the same for the released code’s rhythm encoder', () => {
    const scores = examples.map(
      (ex) =>
        onsetFMeasure(accentTimes(ex), visualRhythm(ex.poses, { variant: 'reference' }).peakTimes).fMeasure,
    );
    for (const f of scores) expect(f).toBeGreaterThan(0.85);
  });

  it('renders music whose detected onsets (the benchmark detector) are the accents and the visual peaks', () => {
    const toAccents: number[] = [];
    const toVisual: number[] = [];
    examples.forEach((ex, i) => {
      const onsets = detectOnsets(ex.audio, ex.sampleRate).onsetTimes;
      toAccents.push(onsetFMeasure(accentTimes(ex), onsets).fMeasure);
      toVisual.push(onsetFMeasure(paperRhythm[i].peakTimes, onsets).fMeasure);
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length;
    for (const f of [...toAccents, ...toVisual]) expect(f).toBeGreaterThan(0.7);
    expect(mean(toAccents)).toBeGreaterThan(0.85);
    expect(mean(toVisual)).toBeGreaterThan(0.85);
  });

  it('moves different joints on different events: hips on kicks, wrists on snares, the head on hats', () => {
    const kp = (ex: SynthExample, f: number, j: number) => ex.poses.keypoints[f][j];
    const motion = { kick: [0, 0, 0], snare: [0, 0, 0], hat: [0, 0, 0] };
    const counts = { kick: 0, snare: 0, hat: 0 };
    for (const ex of examples) {
      for (const accent of ex.score.accents) {
        const kind = accent.kinds.length === 1 ? accent.kinds[0] : null;
        const type =
          kind === 'kick' || kind === 'snare' ? kind : kind === 'hat' || kind === 'openHat' ? 'hat' : null;
        const f = Math.floor(accent.time * 30) + 1;
        if (!type || f + 2 >= ex.poses.keypoints.length) continue;
        // Displacement over the two frames after the accent: hip centre, wrists and nose relative to the shoulders.
        const rel = (frame: number, j: number) => {
          const s = [
            (kp(ex, frame, 5)[0] + kp(ex, frame, 6)[0]) / 2,
            (kp(ex, frame, 5)[1] + kp(ex, frame, 6)[1]) / 2,
          ];
          return [kp(ex, frame, j)[0] - s[0], kp(ex, frame, j)[1] - s[1]];
        };
        const move = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
        const hip = (frame: number) => [
          (kp(ex, frame, 11)[0] + kp(ex, frame, 12)[0]) / 2,
          (kp(ex, frame, 11)[1] + kp(ex, frame, 12)[1]) / 2,
        ];
        motion[type][0] += move(hip(f - 1), hip(f + 2));
        motion[type][1] += (move(rel(f - 1, 9), rel(f + 2, 9)) + move(rel(f - 1, 10), rel(f + 2, 10))) / 2;
        motion[type][2] += move(rel(f - 1, 0), rel(f + 2, 0));
        counts[type]++;
      }
    }
    const mean = (type: 'kick' | 'snare' | 'hat', part: number) => motion[type][part] / counts[type];
    expect(mean('kick', 0)).toBeGreaterThan(2 * mean('snare', 0));
    expect(mean('kick', 0)).toBeGreaterThan(2 * mean('hat', 0));
    expect(mean('snare', 1)).toBeGreaterThan(mean('kick', 1) * 2);
    expect(mean('hat', 2)).toBeGreaterThan(mean('kick', 2) * 2);
    expect(mean('hat', 2)).toBeGreaterThan(mean('snare', 2));
  });

  it('breathes during breaks: the body keeps moving a little but the rhythm finds no peak', () => {
    let checked = 0;
    examples.forEach((ex, i) => {
      const rhythm = paperRhythm[i];
      for (const bar of ex.score.bars) {
        if (bar.rest !== 'full') continue;
        // From one beat into the break (the last move has settled) to its end.
        const from = Math.ceil((bar.start + ex.score.beatSeconds) * 30);
        const to = Math.floor((bar.start + 4 * ex.score.beatSeconds) * 30) - 2;
        if (from < 1 || to >= ex.poses.keypoints.length || to - from < 10) continue;
        checked++;
        expect(rhythm.peakFrames.filter((f) => f >= from && f <= to)).toEqual([]);
        const drift = Math.abs(ex.poses.keypoints[to][0][1] - ex.poses.keypoints[from][0][1]);
        expect(drift).toBeGreaterThan(0.05);
        expect(drift).toBeLessThan(10);
      }
    });
    expect(checked).toBeGreaterThan(0);
  });

  it('keeps bones near their length through every move (straight-line moves shorten a turning bone a little)', () => {
    const bones = [
      [5, 7],
      [7, 9],
      [6, 8],
      [8, 10],
      [11, 13],
      [13, 15],
      [12, 14],
      [14, 16],
      [5, 6],
      [11, 12],
    ];
    for (const ex of examples) {
      for (const [a, b] of bones) {
        const lengths = ex.poses.keypoints
          .filter((frame) => frame[a][2] >= 0.3 && frame[b][2] >= 0.3)
          .map((frame) => Math.hypot(frame[a][0] - frame[b][0], frame[a][1] - frame[b][1]))
          .sort((x, y) => x - y);
        const median = lengths[Math.floor(lengths.length / 2)];
        expect(lengths[0] / median).toBeGreaterThan(0.78);
        expect(lengths[lengths.length - 1] / median).toBeLessThan(1.12);
      }
    }
  });

  it('reports a few doubtful joints, as a pose estimator does', () => {
    const confidences = examples.flatMap((ex) =>
      ex.poses.keypoints.flatMap((frame) => frame.map((p) => p[2])),
    );
    const low = confidences.filter((c) => c < 0.3).length / confidences.length;
    expect(low).toBeGreaterThan(0.002);
    expect(low).toBeLessThan(0.05);
    expect(confidences.every((c) => c >= 0 && c <= 1)).toBe(true);
  });

  it("moves a dancer in another genre's style to the same music, its accents still on the beat", () => {
    const own = generateSynthExample({ genre: 'House', seconds: SECONDS, seed: 7 });
    const crossed = generateSynthExample({ genre: 'House', danceGenre: 'Krump', seconds: SECONDS, seed: 7 });
    expect([crossed.genre, crossed.danceGenre, own.danceGenre]).toEqual(['House', 'Krump', 'House']);
    expect(Buffer.from(crossed.audio.buffer).equals(Buffer.from(own.audio.buffer))).toBe(true);
    expect(crossed.score).toEqual(own.score);
    expect(crossed.poses.keypoints).not.toEqual(own.poses.keypoints);
    const peaks = visualRhythm(crossed.poses).peakTimes;
    expect(onsetFMeasure(accentTimes(crossed), peaks).fMeasure).toBeGreaterThan(0.85);
  });

  it('gives identical values for the same request and different ones for another seed', () => {
    const a = generateSynthExample({ genre: 'House', seconds: 6, seed: 9 });
    const b = generateSynthExample({ genre: 'House', seconds: 6, seed: 9 });
    const c = generateSynthExample({ genre: 'House', seconds: 6, seed: 10 });
    expect(Buffer.from(a.audio.buffer).equals(Buffer.from(b.audio.buffer))).toBe(true);
    expect(a.poses).toEqual(b.poses);
    expect(Buffer.from(a.features.data.buffer).equals(Buffer.from(b.features.data.buffer))).toBe(true);
    expect(Buffer.from(a.audio.buffer).equals(Buffer.from(c.audio.buffer))).toBe(false);
    expect(a.score.accents).not.toEqual(c.score.accents);
  });

  it('refuses requests it cannot serve, saying what is accepted', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof InvalidSynthRequest ? e.code : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => generateSynthExample({ genre: 'Salsa', seconds: 5, seed: 1 }))).toBe(
      'SYNTH_UNKNOWN_GENRE',
    );
    expect(codeOf(() => generateSynthExample({ genre: 'Pop', seconds: 0, seed: 1 }))).toBe(
      'SYNTH_BAD_SECONDS',
    );
    expect(codeOf(() => generateSynthExample({ genre: 'Pop', seconds: 5, seed: -1 }))).toBe('SYNTH_BAD_SEED');
    expect(codeOf(() => generateSynthExample({ genre: 'Pop', seconds: 5, seed: 1.5 }))).toBe(
      'SYNTH_BAD_SEED',
    );
    expect(codeOf(() => generateSynthExample({ genre: 'Pop', seconds: 5, seed: 1, fps: 0 }))).toBe(
      'SYNTH_BAD_FPS',
    );
  });
});
