import { dirname, join } from 'node:path';
import type * as Tf from '@tensorflow/tfjs-core';
import { PoseModelUnavailable } from '../media.errors';

export type TfCore = typeof Tf;

let ready: Promise<TfCore> | undefined;

/**
 * TensorFlow.js on its wasm backend (SIMD; about 25x faster here than the plain-JS CPU backend), with the
 * .wasm binaries read from the package's own dist folder, so nothing is fetched at run time. Loaded on
 * first use, so processes that only probe media (the API) never load TensorFlow.js; once per process,
 * since the backend is global state in tfjs-core.
 */
export function tfWasm(): Promise<TfCore> {
  ready ??= (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    setWasmPaths(`${dist}/`);
    if (!(await tf.setBackend('wasm'))) {
      throw new PoseModelUnavailable(`The TensorFlow.js wasm backend could not start (binaries in ${dist}).`);
    }
    await tf.ready();
    return tf;
  })();
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}
