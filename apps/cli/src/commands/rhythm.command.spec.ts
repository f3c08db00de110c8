import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PAPER_RHYTHM_PARAMS, visualRhythm } from '@loris/rhythm';
import { expectCleanFailure, RHYTHM_FIXTURES, runLoris } from '../run-loris.testing';

interface DancerFixture {
  fps: number;
  keypoints: number[][][];
  reference_code: { envelope: number[]; peaks: number[] };
}

const dancers = JSON.parse(readFileSync(join(RHYTHM_FIXTURES, 'poses.json'), 'utf8')) as Record<
  string,
  DancerFixture
>;
const tmp = mkdtempSync(join(tmpdir(), 'loris-rhythm-'));
const dancer = dancers.dancer1;
const posesFile = join(tmp, 'dancer1.json');
writeFileSync(posesFile, JSON.stringify({ fps: dancer.fps, keypoints: dancer.keypoints }));

describe('loris rhythm', () => {
  it('--variant reference --json prints what libs/rhythm computes for the track', () => {
    const run = runLoris(['rhythm', posesFile, '--variant', 'reference', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    const expected = visualRhythm({ fps: dancer.fps, keypoints: dancer.keypoints }, { variant: 'reference' });
    expect(output.variant).toBe('reference');
    expect(output.params).toEqual(expected.params);
    expect(output.fps).toBe(dancer.fps);
    expect(output.envelope).toEqual(Array.from(expected.envelope));
    expect(output.peaks).toEqual(Array.from(expected.peaks));
    expect(output.peakTimes).toEqual(expected.peakTimes);
    // And that is the released code's behaviour: the same peaks, frame for frame.
    expect(output.peaks).toEqual(dancer.reference_code.peaks);
  });

  it('defaults to the paper variant, records it, and prints a table without --json', () => {
    const json = JSON.parse(runLoris(['rhythm', posesFile, '--json']).stdout);
    expect(json.variant).toBe('paper');
    expect(json.params).toEqual(PAPER_RHYTHM_PARAMS);
    expect(json.peaks).toHaveLength(dancer.keypoints.length - 2);
    const run = runLoris(['rhythm', posesFile]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^variant:\s+paper$/m);
    expect(run.stdout).toMatch(new RegExp(`^peaks:\\s+${json.peakTimes.length}$`, 'm'));
  });

  it('refuses a track with 16 joints, naming the file; an unknown variant is a usage error', () => {
    const bad = join(tmp, 'sixteen.json');
    writeFileSync(
      bad,
      JSON.stringify({ fps: 30, keypoints: [0, 1, 2].map(() => dancer.keypoints[0].slice(0, 16)) }),
    );
    expectCleanFailure(
      runLoris(['rhythm', bad]),
      1,
      /^loris: .*sixteen\.json: .*16.*\[POSE_WRONG_JOINT_COUNT\]\n$/,
    );
    const usage = runLoris(['rhythm', posesFile, '--variant', 'fast']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/Allowed choices are paper, reference/);
  });
});
