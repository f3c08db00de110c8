// The console's sample dancer (issue 13, point 5): a synthetic COCO-17 pose track made by libs/synth from a
// fixed request, written where the console serves it (apps/web/public/samples/) before every `web:build`,
// so a new workspace can try Generate with one click before it has a video of its own. It is made here,
// by our own code, rather than committed: the same request gives the same bytes (libs/synth/README.md,
// "Determinism"). Licence: ours, made by LORIS Studio's code from a seed, with no recording of anyone and
// no third-party data; it is covered by this repository's own terms (apps/web/public/samples/README.md).
//
//   node -r sucrase/register/ts -r tsconfig-paths/register tools/sample-dancer.ts apps/web/public/samples
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSynthExample } from '@loris/synth';

/** What the sample is made from. The console's button says "a 6 s dancer": change both together. */
export const SAMPLE_DANCER = { genre: 'House', seconds: 6, seed: 1 } as const;

/** The file the console fetches: apps/web/src/modules/soundtracks/lib/sample-dancer.ts names it too. */
export const SAMPLE_DANCER_FILE = 'sample-dancer.json';

/** The pose track as an upload takes it: JSON `{fps, keypoints: [T][17][3]}`. */
export function sampleDancerJson(): Buffer {
  const example = generateSynthExample(SAMPLE_DANCER);
  return Buffer.from(`${JSON.stringify({ fps: example.poses.fps, keypoints: example.poses.keypoints })}\n`);
}

/**
 * Writes the sample into `outDir` and returns its path. It goes to a temporary name first and is renamed
 * into place, so a console being served from the same folder never sees half a file.
 */
export async function writeSampleDancer(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, SAMPLE_DANCER_FILE);
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, sampleDancerJson());
  await rename(partial, path);
  return path;
}

if (require.main === module) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('Usage: sample-dancer.ts <folder>   (the console serves apps/web/public/samples)');
    process.exit(2);
  }
  writeSampleDancer(outDir).then(
    (path) => console.log(`Sample dancer: ${path} (${SAMPLE_DANCER.seconds} s, made by libs/synth)`),
    (error: unknown) => {
      console.error(`Could not write the sample dancer to ${outDir}: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
