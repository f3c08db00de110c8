import { BadUserInputError } from '@loris/engine';
import { EXPORT_FORMATS } from '../formats/export-plan';

export class UnknownExportFormatError extends BadUserInputError {
  constructor(format: unknown) {
    super(
      `format must be one of ${EXPORT_FORMATS.join(', ')} (manifest: the trainer's JSONL; loris: the authors' release layout); got ${JSON.stringify(format ?? null)}`,
    );
  }
}

/** Only a frozen version is fixed enough to hand to training. */
export class DatasetVersionNotFrozenError extends BadUserInputError {
  readonly status = 409;
  constructor(id: string) {
    super(`Dataset version ${id} is not frozen yet; only a frozen version can be exported`);
  }
}

export class NothingToExportError extends BadUserInputError {
  constructor(format: string, skipped: { reason: string }[]) {
    super(
      `None of the version's ${skipped.length} segments can be exported as ${format}: ${skipped[0]?.reason ?? 'it has none'}`,
    );
  }
}
