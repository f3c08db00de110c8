import { BUILTIN_MODEL_NAME } from '@loris/db';
import { InvalidModelRequestError } from './models.exception';

// The same rules as the tables' CHECK constraints, checked first so the answer names the rule.
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ALIAS_NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;

/** The alias every tenant's requests fall back to before the built-in model. */
export const PRODUCTION_ALIAS = 'production';

export function checkModelName(name: string): string {
  if (!MODEL_NAME.test(name)) {
    throw new InvalidModelRequestError(
      `Model name "${name}" must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit`,
    );
  }
  if (name === BUILTIN_MODEL_NAME) {
    throw new InvalidModelRequestError(`"${BUILTIN_MODEL_NAME}" is the built-in model's name; choose another`);
  }
  return name;
}

export function checkAliasName(name: string): string {
  if (name === BUILTIN_MODEL_NAME) {
    throw new InvalidModelRequestError(
      `The alias "${BUILTIN_MODEL_NAME}" always means the built-in model and cannot be moved`,
    );
  }
  if (!ALIAS_NAME.test(name)) {
    throw new InvalidModelRequestError(
      `Alias name "${name}" must be 1 to 40 lower-case letters, digits, dots, dashes or underscores`,
    );
  }
  return name;
}
