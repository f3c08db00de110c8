// tools/sample-dancer.ts makes the console's sample dancer at build time: a pose track that an upload takes
// (fps and 17 COCO joints of [x, y, confidence] per frame, as long as it says), the same bytes every run,
// and written whole, never left half-written under its own name.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_DANCER, SAMPLE_DANCER_FILE, sampleDancerJson, writeSampleDancer } from './sample-dancer';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'loris-sample-dancer-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('is a COCO-17 pose track as long as the sample says', async () => {
  const path = await writeSampleDancer(join(dir, 'samples'));
  expect(path).toBe(join(dir, 'samples', SAMPLE_DANCER_FILE));
  const track = JSON.parse(readFileSync(path, 'utf8')) as { fps: number; keypoints: number[][][] };
  expect(Object.keys(track).sort()).toEqual(['fps', 'keypoints']);
  expect(track.fps).toBe(30);
  expect(track.keypoints).toHaveLength(SAMPLE_DANCER.seconds * track.fps);
  for (const frame of track.keypoints) {
    expect(frame).toHaveLength(17);
    for (const joint of frame) expect(joint.every(Number.isFinite) && joint.length === 3).toBe(true);
  }
  // Only the finished file is left in the folder.
  expect(readdirSync(join(dir, 'samples'))).toEqual([SAMPLE_DANCER_FILE]);
});

test('gives the same bytes on every build', async () => {
  const first = readFileSync(await writeSampleDancer(dir));
  const second = readFileSync(await writeSampleDancer(dir));
  expect(second.equals(first)).toBe(true);
  expect(sampleDancerJson().equals(first)).toBe(true);
});
