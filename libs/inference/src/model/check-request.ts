// Refuses a request the model cannot serve, before any ONNX call, with a message that says which part
// does not fit: the rhythm variant the conditions were extracted with, the visual feature kind and size,
// the genre, and the tensor shapes the request implies.
import { POSE_FEATURES_DIM, POSE_FEATURES_KIND } from '@loris/rhythm';
import { InvalidRequestError, RequestMismatchError } from '../inference.errors';
import { ModelContract, SessionSignature, TENSOR_NAMES, TensorDim } from './model-contract';

export interface ConditionRequest {
  genre: string;
  seconds: number;
  /** The variant a precomputed rhythm was extracted with (requests with poses use the model's). */
  rhythmVariant?: string;
  /** The kind and size of precomputed visual features (requests with poses use pose-kinematics-v1). */
  visualKind?: string;
  visualDim?: number;
  /** Rows per denoiser call: 2 with classifier-free guidance (the default), 1 without. */
  rows?: number;
}

/** The sizes a request gives the symbolic and fixed dimensions of the ONNX inputs. */
export interface RequestLengths {
  /** Visual feature frames: round(seconds * visual.rate). */
  visualFrames: number;
  /** Rhythm tokens: round(seconds * rhythm.rate). */
  rhythmTokens: number;
  /** Waveform samples at the model's rate, padded up to a multiple of lengthMultiple. */
  modelSamples: number;
  /** Samples delivered at outputSampleRate: round(seconds * outputSampleRate). */
  outputSamples: number;
}

/** Python's round(): halves go to the even neighbour (round(22.5) == 22), as the trainer rounds. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Tokens a condition gets for `seconds` at `rate` per second, at least 1 (the trainer's context_length). */
export function contextLength(seconds: number, rate: number): number {
  return Math.max(1, roundHalfEven(seconds * rate));
}

export function requestLengths(contract: ModelContract, seconds: number): RequestLengths {
  const multiple = contract.lengthMultiple;
  // As the trainer's padded_samples: the epsilon keeps 1.1 * 22050 = 24255.000000000004 from adding a sample.
  const wanted = Math.ceil(seconds * contract.sampleRate - 1e-9);
  return {
    visualFrames: contextLength(seconds, contract.visual.rate),
    rhythmTokens: contextLength(seconds, contract.rhythm.rate),
    modelSamples: Math.ceil(wanted / multiple) * multiple,
    outputSamples: Math.round(seconds * contract.outputSampleRate),
  };
}

/** Genre names as a user would type them, for an error message. */
export function genreList(contract: ModelContract): string {
  return contract.genres.map((genre) => `"${genre}"`).join(', ');
}

/**
 * Checks that the actual shapes of a session's feeds agree with the declared ones: every fixed size must
 * match, and a symbolic dimension must take the same size everywhere it appears.
 */
export function checkShapes(
  signature: SessionSignature,
  shapes: Record<string, readonly number[]>,
  session: string,
): void {
  const bound = new Map<string, { size: number; where: string }>();
  for (const [name, shape] of Object.entries(shapes)) {
    const spec = signature.inputs[name];
    if (!spec) throw new RequestMismatchError(`${session}.${name}`, 'is not an input of the model');
    if (spec.shape.length !== shape.length) {
      throw new RequestMismatchError(
        `${session}.${name}`,
        `has ${shape.length} dimensions, the model takes ${spec.shape.length}`,
      );
    }
    spec.shape.forEach((dim: TensorDim, i) => {
      const where = `${session}.${name}[${i}]`;
      if (typeof dim === 'number') {
        if (shape[i] !== dim)
          throw new RequestMismatchError(where, `would be ${shape[i]}, the model takes exactly ${dim}`);
        return;
      }
      const earlier = bound.get(dim);
      if (earlier && earlier.size !== shape[i]) {
        throw new RequestMismatchError(
          where,
          `would be ${shape[i]} but ${dim} is ${earlier.size} at ${earlier.where}`,
        );
      }
      bound.set(dim, { size: shape[i], where });
    });
  }
}

/** Checks a request against the model's contract; returns the lengths it implies. */
export function checkRequest(contract: ModelContract, request: ConditionRequest): RequestLengths {
  if (!contract.genres.includes(request.genre)) {
    throw new RequestMismatchError(
      'genre',
      `"${request.genre}" is not one of the model's genres: ${genreList(contract)}`,
    );
  }
  if (request.rhythmVariant !== undefined && request.rhythmVariant !== contract.rhythm.variant) {
    throw new RequestMismatchError(
      'rhythm.variant',
      `is "${request.rhythmVariant}", the model was trained on the "${contract.rhythm.variant}" variant`,
    );
  }
  if (request.visualKind !== undefined && request.visualKind !== contract.visual.kind) {
    throw new RequestMismatchError(
      'visual.kind',
      `is "${request.visualKind}", the model takes "${contract.visual.kind}"`,
    );
  }
  if (request.visualDim !== undefined && request.visualDim !== contract.visual.dim) {
    throw new RequestMismatchError(
      'visual.dim',
      `is ${request.visualDim}, the model takes ${contract.visual.dim}`,
    );
  }
  if (!(Number.isFinite(request.seconds) && request.seconds > 0)) {
    throw new InvalidRequestError('seconds', `must be a positive number, got ${request.seconds}`);
  }
  const lengths = requestLengths(contract, request.seconds);
  const c = TENSOR_NAMES.conditioner;
  checkShapes(
    contract.tensors.conditioner,
    {
      [c.visual]: [1, lengths.visualFrames, contract.visual.dim],
      [c.rhythm]: [1, lengths.rhythmTokens],
      [c.genre]: [1],
    },
    'conditioner',
  );
  const rows = request.rows ?? 2;
  const d = TENSOR_NAMES.denoiser;
  checkShapes(
    contract.tensors.denoiser,
    { [d.x]: [rows, contract.channels, lengths.modelSamples], [d.sigma]: [rows] },
    'denoiser',
  );
  return lengths;
}

/**
 * checkRequest for conditions computed from a pose track, the only kind the platform computes: the
 * rhythm with the model's own variant, pose-kinematics-v1 features.
 */
export function checkPoseRequest(contract: ModelContract, genre: string, seconds: number): RequestLengths {
  return checkRequest(contract, {
    genre,
    seconds,
    rhythmVariant: contract.rhythm.variant,
    visualKind: POSE_FEATURES_KIND,
    visualDim: POSE_FEATURES_DIM,
  });
}
