// Runs a loaded model once on a tiny batch, before a registry accepts it: loadModel has already checked the
// files' hashes and the sessions' declared names, types and fixed sizes; only running the graphs shows
// that the symbolic axes agree (the conditioner's contexts fit the denoiser at the card's rates), that
// every genre index of the vocabulary reaches a row of the genre embedding, and that the denoiser returns
// x's shape with finite values.
import * as ort from 'onnxruntime-node';
import { ModelSessionError } from '../inference.errors';
import { requestLengths } from './check-request';
import type { LoadedModel } from './load-model';
import { type ModelContract, type TensorSpec, TENSOR_NAMES } from './model-contract';

/** The tiny request's length: at most one second, never longer than the model's own segment. */
function probeSeconds(contract: ModelContract): number {
  return Math.min(1, contract.segmentSamples / contract.sampleRate);
}

/** Binds each symbolic axis to the first size seen, and says where an output disagrees with its spec. */
function checkShape(
  file: string,
  name: string,
  spec: TensorSpec,
  dims: readonly number[],
  sizes: Map<string, number>,
): void {
  const wrong = () =>
    new ModelSessionError(
      `${file}: ${name} came out as [${dims.join(', ')}] on a tiny batch, model.json declares [${spec.shape.join(', ')}]` +
        ` (with ${[...sizes].map(([axis, size]) => `${axis}=${size}`).join(', ')})`,
    );
  if (dims.length !== spec.shape.length) throw wrong();
  spec.shape.forEach((dim, i) => {
    if (typeof dim === 'number') {
      if (dims[i] !== dim) throw wrong();
      return;
    }
    const bound = sizes.get(dim);
    if (bound === undefined) sizes.set(dim, dims[i]);
    else if (bound !== dims[i]) throw wrong();
  });
}

async function run(
  session: ort.InferenceSession,
  file: string,
  feeds: Record<string, ort.Tensor>,
): Promise<ort.InferenceSession.OnnxValueMapType> {
  try {
    return await session.run(feeds);
  } catch (error) {
    throw new ModelSessionError(`${file}: onnxruntime refused a tiny batch (${(error as Error).message})`);
  }
}

/**
 * One conditioner call with a row per genre of the vocabulary (zero poses, no beats), then one denoiser
 * call with the first row's contexts; throws ModelSessionError naming the graph and the tensor at fault.
 */
export async function probeModel(model: LoadedModel): Promise<void> {
  const { contract } = model;
  const lengths = requestLengths(contract, probeSeconds(contract));
  const batch = contract.genres.length;
  const names = TENSOR_NAMES.conditioner;
  const sizes = new Map<string, number>([
    ['batch', batch],
    ['visualFrames', lengths.visualFrames],
    ['rhythmTokens', lengths.rhythmTokens],
  ]);
  const conditionerFile = contract.files.conditioner.path;
  const encoded = await run(model.conditioner, conditionerFile, {
    [names.visual]: new ort.Tensor(
      'float32',
      new Float32Array(batch * lengths.visualFrames * contract.visual.dim),
      [batch, lengths.visualFrames, contract.visual.dim],
    ),
    [names.rhythm]: new ort.Tensor('float32', new Float32Array(batch * lengths.rhythmTokens), [
      batch,
      lengths.rhythmTokens,
    ]),
    [names.genre]: new ort.Tensor('int64', BigInt64Array.from(contract.genres.map((_, i) => BigInt(i))), [
      batch,
    ]),
  });
  for (const [name, spec] of Object.entries(contract.tensors.conditioner.outputs)) {
    const output = encoded[name];
    if (!output) throw new ModelSessionError(`${conditionerFile}: gave no ${name} on a tiny batch`);
    checkShape(conditionerFile, name, spec, output.dims, sizes);
  }

  const denoiserFile = contract.files.denoiser.path;
  const shape = [1, contract.channels, lengths.modelSamples];
  const feeds: Record<string, ort.Tensor> = {
    [TENSOR_NAMES.denoiser.x]: new ort.Tensor('float32', new Float32Array(shape[1] * shape[2]), shape),
    [TENSOR_NAMES.denoiser.sigma]: new ort.Tensor('float32', Float32Array.of(contract.sampler.sigmaMax), [1]),
  };
  for (const context of contract.contexts) {
    const full = encoded[context];
    const rowSize = full.size / batch;
    feeds[context] = new ort.Tensor('float32', (full.data as Float32Array).slice(0, rowSize), [
      1,
      ...full.dims.slice(1),
    ]);
  }
  const outputs = await run(model.denoiser, denoiserFile, feeds);
  const denoised = outputs[TENSOR_NAMES.denoiser.denoised];
  if (!denoised) throw new ModelSessionError(`${denoiserFile}: gave no denoised on a tiny batch`);
  if (denoised.dims.length !== 3 || denoised.dims.some((dim, i) => dim !== shape[i])) {
    throw new ModelSessionError(
      `${denoiserFile}: denoised came out as [${denoised.dims.join(', ')}] for x of [${shape.join(', ')}]; it must be x's shape`,
    );
  }
  if (!(denoised.data as Float32Array).every(Number.isFinite)) {
    throw new ModelSessionError(`${denoiserFile}: denoised holds NaN or infinite values on a tiny batch`);
  }
}
