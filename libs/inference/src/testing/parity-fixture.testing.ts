// Reads the trainer's sampler parity fixture (docs/model-contract.md, "Parity fixture"), committed under
// libs/inference/fixtures/parity/, and makes small pose tracks for pipeline specs. Test support only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelContract, parseModelContract } from '../model/model-contract';

export const PARITY_DIR = join(__dirname, '..', '..', 'fixtures', 'parity');

interface TensorEntry {
  file: string;
  dtype: 'float32' | 'int64';
  shape: number[];
}

export interface ParityIndex {
  format: 'loris-parity/1';
  model: string;
  seconds: number;
  samples: number;
  sampler: {
    name: string;
    steps: number;
    guidanceScale: number;
    sigmaMin: number;
    sigmaMax: number;
    rho: number;
  };
  sigmas: number[];
  stepNoise: string[];
  tensors: Record<string, TensorEntry>;
  tolerance: number;
}

export function readParityIndex(): ParityIndex {
  return JSON.parse(readFileSync(join(PARITY_DIR, 'index.json'), 'utf8')) as ParityIndex;
}

export function parityModelDir(index: ParityIndex): string {
  return join(PARITY_DIR, index.model);
}

export type EditableJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The parity model's contract (11025 Hz, length multiple 64, visual 8/s, rhythm 30/s), optionally edited. */
export function parityContract(edit: (json: EditableJson) => void = () => undefined): ModelContract {
  const json = JSON.parse(
    readFileSync(join(parityModelDir(readParityIndex()), 'model.json'), 'utf8'),
  ) as EditableJson;
  edit(json);
  return parseModelContract(json);
}

/** A float32 tensor of the fixture (little-endian raw file). */
export function readFloat32(index: ParityIndex, name: string): Float32Array {
  const entry = index.tensors[name];
  if (entry?.dtype !== 'float32') throw new Error(`the parity fixture has no float32 tensor ${name}`);
  const bytes = readFileSync(join(PARITY_DIR, entry.file));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

export function readInt64(index: ParityIndex, name: string): BigInt64Array {
  const entry = index.tensors[name];
  if (entry?.dtype !== 'int64') throw new Error(`the parity fixture has no int64 tensor ${name}`);
  const bytes = readFileSync(join(PARITY_DIR, entry.file));
  return new BigInt64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

/** A confident COCO-17 dancer swaying side to side with a sharp arm accent every `beat` seconds. */
export function swayingPoses(
  seconds: number,
  fps = 30,
  beat = 0.5,
): { fps: number; keypoints: number[][][] } {
  const keypoints: number[][][] = [];
  for (let t = 0; t < Math.round(seconds * fps); t++) {
    const time = t / fps;
    const sway = 40 * Math.sin(2 * Math.PI * 0.5 * time);
    const phase = (time % beat) / beat;
    const accent = phase < 0.2 ? 120 * phase : 24 * (1 - phase);
    keypoints.push(
      Array.from({ length: 17 }, (_, j) => {
        const arm = j === 9 || j === 10 ? accent * (j === 9 ? -1 : 1) : 0;
        return [960 + sway + 10 * (j % 5) + arm, 300 + 30 * j - arm, 0.95];
      }),
    );
  }
  return { fps, keypoints };
}
