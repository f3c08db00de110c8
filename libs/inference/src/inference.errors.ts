// Typed errors of libs/inference. Each has a stable `code` the API and the CLI map to their own error
// shapes, and a message a user can act on (which file, which field, what was expected).

export type InferenceErrorCode =
  | 'GENERATION_CANCELLED'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_CONTRACT'
  | 'MODEL_CHECKSUM'
  | 'MODEL_SESSION'
  | 'REQUEST_MISMATCH'
  | 'INVALID_REQUEST';

export abstract class InferenceError extends Error {
  abstract readonly code: InferenceErrorCode;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The AbortSignal passed to a sampler fired; raised at the next denoiser call at the latest. */
export class GenerationCancelledError extends InferenceError {
  readonly code = 'GENERATION_CANCELLED';

  constructor(readonly step: number) {
    super(`generation was cancelled at step ${step + 1}`);
  }
}

/** The model directory or one of its files does not exist. */
export class ModelNotFoundError extends InferenceError {
  readonly code = 'MODEL_NOT_FOUND';

  constructor(readonly path: string) {
    super(`no model at ${path}: expected a directory with model.json and the ONNX files it names`);
  }
}

/** model.json does not follow the contract (docs/model-contract.md); `field` is the JSON path at fault. */
export class ModelContractError extends InferenceError {
  readonly code = 'MODEL_CONTRACT';

  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`model.json: ${field} ${detail}`);
  }
}

/** An ONNX file's bytes do not match the sha256 or size in model.json. */
export class ModelChecksumError extends InferenceError {
  readonly code = 'MODEL_CHECKSUM';

  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}; the model directory is corrupt or was edited after export`);
  }
}

/** onnxruntime could not open a session, or the session's inputs and outputs differ from the contract. */
export class ModelSessionError extends InferenceError {
  readonly code = 'MODEL_SESSION';
}

/** The request does not fit the model (rhythm variant, feature kind or size, genre, shapes). */
export class RequestMismatchError extends InferenceError {
  readonly code = 'REQUEST_MISMATCH';

  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`request does not fit the model: ${field} ${detail}`);
  }
}

/** A request parameter is out of range (seconds, steps, guidance, sampler name, seed). */
export class InvalidRequestError extends InferenceError {
  readonly code = 'INVALID_REQUEST';

  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field} ${detail}`);
  }
}
