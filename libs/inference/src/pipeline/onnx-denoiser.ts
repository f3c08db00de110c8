// The two ONNX sessions as the sampler sees them: the conditioner runs once per request and yields the
// context tensors for the conditional row and the learned null row; the denoiser then runs once per
// sampler call with those contexts bound, as a BatchDenoiser for classifier-free guidance.
import * as ort from 'onnxruntime-node';
import type { LoadedModel } from '../model/load-model';
import { ModelContract, TENSOR_NAMES } from '../model/model-contract';
import type { BatchDenoiser } from '../sampling/guidance';

/** Conditioner inputs for one request (batch 1). */
export interface ConditionInputs {
  /** [frames][visual.dim], row-major. */
  visual: Float32Array;
  /** [tokens], binary. */
  rhythm: Float32Array;
  genre: number;
}

/** Context tensors keyed by denoiser input name, batch 1. */
export type ContextTensors = Record<string, ort.Tensor>;

export interface EncodedConditions {
  cond: ContextTensors;
  null: ContextTensors;
}

/** A denoiser context input and the conditioner outputs that feed it. */
export interface ContextPair {
  input: string;
  cond: string;
  null: string;
}

/** The conditioner outputs that feed each denoiser context input (docs/model-contract.md). */
export function contextPairs(contract: ModelContract): ContextPair[] {
  return contract.contexts.map((input) => ({ input, cond: input, null: `null_${input}` }));
}

/**
 * The contexts that carry the rhythm condition: the encoded rhythm tokens and, with time alignment, the
 * rhythm channels (the trainer names them rhythm_*, docs/model-contract.md).
 */
export function rhythmContexts(contract: ModelContract): string[] {
  return contract.contexts.filter((name) => name.startsWith('rhythm'));
}

/** The request's contexts with `names` swapped for the null condition's: an ablation of those conditions. */
export function withNullContexts(encoded: EncodedConditions, names: readonly string[]): EncodedConditions {
  const cond = { ...encoded.cond };
  for (const name of names) {
    if (!encoded.null[name]) throw new RangeError(`no context named ${name}`);
    cond[name] = encoded.null[name];
  }
  return { cond, null: encoded.null };
}

/** Runs the conditioner once: the contexts of the request and of the null condition. */
export async function encodeConditions(
  model: LoadedModel,
  inputs: ConditionInputs,
): Promise<EncodedConditions> {
  const { contract } = model;
  const names = TENSOR_NAMES.conditioner;
  const frames = inputs.visual.length / contract.visual.dim;
  const outputs = await model.conditioner.run({
    [names.visual]: new ort.Tensor('float32', inputs.visual, [1, frames, contract.visual.dim]),
    [names.rhythm]: new ort.Tensor('float32', inputs.rhythm, [1, inputs.rhythm.length]),
    [names.genre]: new ort.Tensor('int64', BigInt64Array.from([BigInt(inputs.genre)]), [1]),
  });
  const encoded: EncodedConditions = { cond: {}, null: {} };
  for (const pair of contextPairs(contract)) {
    encoded.cond[pair.input] = outputs[pair.cond];
    encoded.null[pair.input] = outputs[pair.null];
  }
  return encoded;
}

/** Stacks batch-1 tensors into one batch along the first axis. */
function stackRows(rows: ort.Tensor[]): ort.Tensor {
  const [first] = rows;
  const data = new Float32Array(rows.reduce((size, row) => size + row.size, 0));
  let offset = 0;
  for (const row of rows) {
    data.set(row.data as Float32Array, offset);
    offset += row.size;
  }
  return new ort.Tensor('float32', data, [rows.length, ...first.dims.slice(1)]);
}

/**
 * The denoiser session as a BatchDenoiser over `x` [rows, channels, S]: one row uses the request's
 * contexts, two rows the request's then the null condition's (classifier-free guidance).
 */
export function onnxBatchDenoiser(model: LoadedModel, contexts: EncodedConditions): BatchDenoiser {
  const names = TENSOR_NAMES.denoiser;
  const channels = model.contract.channels;
  const inputs = Object.keys(contexts.cond);
  const byRows = new Map<number, ContextTensors>([
    [1, contexts.cond],
    [
      2,
      Object.fromEntries(inputs.map((name) => [name, stackRows([contexts.cond[name], contexts.null[name]])])),
    ],
  ]);
  return async (x, sigma, rows) => {
    const bound = byRows.get(rows);
    if (!bound) throw new RangeError(`the denoiser takes 1 or 2 rows, got ${rows}`);
    const samples = x.length / (rows * channels);
    const outputs = await model.denoiser.run({
      ...bound,
      [names.x]: new ort.Tensor('float32', x, [rows, channels, samples]),
      [names.sigma]: new ort.Tensor('float32', new Float32Array(rows).fill(sigma), [rows]),
    });
    return outputs[names.denoised].data as Float32Array;
  };
}
