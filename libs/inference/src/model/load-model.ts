// Opens a model directory: model.json checked against the contract, each ONNX file checked against its
// sha256 and size, then one onnxruntime-node session per file whose inputs and outputs must be the ones
// model.json declares.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { ModelChecksumError, ModelNotFoundError, ModelSessionError } from '../inference.errors';
import { readContractCached } from './contract-cache';
import { ModelContract, ModelFile, SessionSignature } from './model-contract';

export type ExecutionProvider = 'cpu' | 'cuda';

export interface LoadModelOptions {
  /** In order of preference; 'cpu' is always appended as the fallback. Default ['cpu']. */
  executionProviders?: readonly ExecutionProvider[];
  /** Threads per operator; default: every CPU Node may use (os.availableParallelism()). */
  intraOpNumThreads?: number;
  /**
   * Let idle operator threads spin between operators. Off by default: on this 2-vCPU machine spinning
   * saves 5% when the CPU is otherwise idle (148 vs 160 ms per tiny denoiser call) but costs 60% when
   * other work shares it (960 vs 608 ms), as on a worker running several jobs.
   */
  spinning?: boolean;
  /**
   * The directory's card, already parsed (readContractCached; GenerationThread passes its own to the
   * thread), so model.json is not read again. The ONNX files are still verified against its sha256s.
   */
  contract?: ModelContract;
}

export interface LoadedModel {
  dir: string;
  contract: ModelContract;
  conditioner: ort.InferenceSession;
  denoiser: ort.InferenceSession;
  /** The providers the sessions were opened with (CUDA is dropped when it is not present). */
  executionProviders: ExecutionProvider[];
  /** Why a requested provider was dropped for the CPU, for the operator's log; absent when none was. */
  providerFallback?: string;
  release(): Promise<void>;
}

/** Checks a file's size and sha256 against model.json (hashed as a stream: weights can be gigabytes). */
async function verifyFile(dir: string, file: ModelFile): Promise<void> {
  const path = join(dir, file.path);
  let bytes: number;
  try {
    bytes = (await stat(path)).size;
  } catch {
    throw new ModelNotFoundError(path);
  }
  if (bytes !== file.bytes) {
    throw new ModelChecksumError(file.path, `has ${bytes} bytes, model.json says ${file.bytes}`);
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  if (sha256 !== file.sha256) {
    throw new ModelChecksumError(file.path, `sha256 is ${sha256}, model.json says ${file.sha256}`);
  }
}

/** Verifies a graph and its external weights, if any, before anything executes them. */
async function verifyGraph(dir: string, file: ModelFile): Promise<void> {
  await verifyFile(dir, file);
  if (file.externalData) await verifyFile(dir, file.externalData);
}

/**
 * Whether the CUDA provider can load: this build supports it and its library was installed beside the
 * binding (`npm ci` with ONNXRUNTIME_NODE_INSTALL=skip leaves it out, as on CPU-only machines).
 */
function cudaPresent(): boolean {
  if (!ort.listSupportedBackends().some((backend) => backend.name === 'cuda')) return false;
  const bindingDir = join(
    dirname(require.resolve('onnxruntime-node')),
    '..',
    'bin',
    'napi-v6',
    process.platform,
    process.arch,
  );
  return existsSync(join(bindingDir, 'libonnxruntime_providers_cuda.so'));
}

/** The providers to try: the requested ones that are present, then the CPU. */
export function availableProviders(requested: readonly ExecutionProvider[]): ExecutionProvider[] {
  const providers = requested.filter((name) => name === 'cpu' || (name === 'cuda' && cudaPresent()));
  return providers.includes('cpu') ? providers : [...providers, 'cpu'];
}

const CUDA_ABSENT =
  'this onnxruntime-node has no CUDA provider library (libonnxruntime_providers_cuda.so: install it ' +
  'without ONNXRUNTIME_NODE_INSTALL=skip, as docker/worker-gpu.Dockerfile does, on a machine with CUDA 12)';

/** Opens a verified graph from its path, so onnxruntime finds external weights beside it. */
async function openSession(
  path: string,
  file: string,
  providers: ExecutionProvider[],
  options: LoadModelOptions,
): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(path, {
      executionProviders: providers,
      graphOptimizationLevel: 'all',
      // onnxruntime's own default is one thread per physical core, a single thread on 2 vCPUs.
      intraOpNumThreads: options.intraOpNumThreads ?? availableParallelism(),
      extra: { session: { intra_op: { allow_spinning: options.spinning ? '1' : '0' } } },
    });
  } catch (error) {
    throw new ModelSessionError(`${file}: onnxruntime could not open it (${(error as Error).message})`);
  }
}

function sameNames(actual: readonly string[], declared: string[]): boolean {
  return actual.length === declared.length && declared.every((name) => actual.includes(name));
}

/** The session's inputs and outputs must be exactly those of model.json, with the declared types and sizes. */
export function checkSessionSignature(
  session: ort.InferenceSession,
  signature: SessionSignature,
  file: string,
): void {
  const sides = [
    ['inputs', session.inputNames, session.inputMetadata, signature.inputs],
    ['outputs', session.outputNames, session.outputMetadata, signature.outputs],
  ] as const;
  for (const [side, names, metadata, declared] of sides) {
    if (!sameNames(names, Object.keys(declared))) {
      throw new ModelSessionError(
        `${file}: the ONNX ${side} are [${names.join(', ')}], model.json declares [${Object.keys(declared).join(', ')}]`,
      );
    }
    for (const meta of metadata) {
      const spec = declared[meta.name];
      if (!meta.isTensor) throw new ModelSessionError(`${file}: ${side} ${meta.name} is not a tensor`);
      if (meta.type !== spec.dtype) {
        throw new ModelSessionError(
          `${file}: ${meta.name} is ${meta.type} in the ONNX file, ${spec.dtype} in model.json`,
        );
      }
      const fixedMismatch =
        meta.shape.length > 0 &&
        (meta.shape.length !== spec.shape.length ||
          meta.shape.some(
            (dim, i) =>
              typeof dim === 'number' &&
              dim > 0 &&
              typeof spec.shape[i] === 'number' &&
              dim !== spec.shape[i],
          ));
      if (fixedMismatch) {
        throw new ModelSessionError(
          `${file}: ${meta.name} has shape [${meta.shape.join(', ')}] in the ONNX file, [${spec.shape.join(', ')}] in model.json`,
        );
      }
    }
  }
}

/**
 * Loads a model directory for inference. Throws ModelNotFoundError, ModelContractError (model.json),
 * ModelChecksumError (an ONNX file was altered) or ModelSessionError (onnxruntime refused a file, or its
 * inputs and outputs are not the declared ones).
 */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const contract = options.contract ?? (await readContractCached(dir));
  const { files } = contract;
  await Promise.all([verifyGraph(dir, files.conditioner), verifyGraph(dir, files.denoiser)]);
  const requested = options.executionProviders ?? ['cpu'];
  let providers = availableProviders(requested);
  let providerFallback = requested.includes('cuda') && !providers.includes('cuda') ? CUDA_ABSENT : undefined;
  const open = (file: ModelFile) => openSession(join(dir, file.path), file.path, providers, options);
  let conditioner: ort.InferenceSession;
  try {
    conditioner = await open(files.conditioner);
  } catch (error) {
    // The CUDA provider is listed by every build but needs the CUDA libraries at run time.
    if (providers.length === 1) throw error;
    providerFallback = `CUDA could not open the model: ${(error as Error).message}`;
    providers = ['cpu'];
    conditioner = await open(files.conditioner);
  }
  const denoiser = await open(files.denoiser);
  const release = async () => {
    await Promise.all([conditioner.release(), denoiser.release()]);
  };
  try {
    checkSessionSignature(conditioner, contract.tensors.conditioner, contract.files.conditioner.path);
    checkSessionSignature(denoiser, contract.tensors.denoiser, contract.files.denoiser.path);
  } catch (error) {
    await release();
    throw error;
  }
  return {
    dir,
    contract,
    conditioner,
    denoiser,
    executionProviders: providers,
    ...(providerFallback ? { providerFallback } : {}),
    release,
  };
}
