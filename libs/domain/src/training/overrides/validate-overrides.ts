import schemaJson from './trainer-config-schema.json';

/**
 * Checks a training run's config overrides against the trainer's own schema (trainer-config-schema.json,
 * written by `python3 -m loris_trainer config-schema`; config-schema.spec.ts fails while it is stale), so
 * the API refuses an unknown key or a wrong type before anything is queued, without starting Python.
 * The trainer checks the combination again (e.g. crop_samples a multiple of the U-Net's factor) at start.
 */

export type OverrideValue = string | number | boolean | null | OverrideValue[];
export type TrainingOverrides = Record<string, string | number | boolean | Array<string | number | boolean>>;

type ScalarType = 'bool' | 'int' | 'float' | 'str';
interface KeySchema {
  type: ScalarType | 'list';
  items?: ScalarType;
  nullable?: boolean;
  choices?: string[];
}

export interface TrainerConfigSchema {
  format: string;
  keys: Record<string, KeySchema>;
  /** Per preset, what a run's data must fit: its genre vocabulary. */
  presets: Record<string, { 'conditions.genres': string[] }>;
}

export const TRAINER_CONFIG_SCHEMA = schemaJson as TrainerConfigSchema;

/** Keys a run's own settings own: `steps` is the run's field, and the run's name is its model's. */
const RESERVED: Record<string, string> = {
  'train.steps': 'set the run\'s "steps" instead of train.steps',
};

export class OverrideProblem extends Error {}

/** The overrides, normalised (ints as ints), or an OverrideProblem naming the first bad key. */
export function validateOverrides(
  overrides: unknown,
  schema: TrainerConfigSchema = TRAINER_CONFIG_SCHEMA,
): TrainingOverrides {
  if (overrides === null || overrides === undefined) return {};
  if (typeof overrides !== 'object' || Array.isArray(overrides)) {
    throw new OverrideProblem(
      'overrides must be an object of dotted trainer config keys, e.g. {"train.batch_size": 2}',
    );
  }
  const out: TrainingOverrides = {};
  for (const [key, value] of Object.entries(overrides as Record<string, unknown>)) {
    const spec = schema.keys[key];
    if (!spec) throw new OverrideProblem(`unknown trainer config key "${key}"${suggestion(key, schema)}`);
    if (RESERVED[key]) throw new OverrideProblem(`${key} cannot be overridden: ${RESERVED[key]}`);
    if (value === null) {
      if (!spec.nullable) throw new OverrideProblem(`${key} must not be null`);
      throw new OverrideProblem(`${key}: null is the config's default; leave the key out instead`);
    }
    if (spec.type === 'list') {
      if (!Array.isArray(value))
        throw new OverrideProblem(`${key} must be a list of ${typeName(spec.items!)}`);
      if (value.length > 64) throw new OverrideProblem(`${key} must have at most 64 entries`);
      out[key] = value.map((item, i) => scalar(`${key}[${i}]`, spec.items!, item, undefined)) as Array<
        string | number | boolean
      >;
    } else {
      out[key] = scalar(key, spec.type, value, spec.choices);
    }
  }
  return out;
}

function scalar(
  key: string,
  type: ScalarType,
  value: unknown,
  choices: string[] | undefined,
): string | number | boolean {
  switch (type) {
    case 'bool':
      if (typeof value !== 'boolean') throw new OverrideProblem(`${key} must be true or false`);
      return value;
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        throw new OverrideProblem(`${key} must be a whole number`);
      }
      return value;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new OverrideProblem(`${key} must be a number`);
      return value;
    case 'str':
      if (typeof value !== 'string') throw new OverrideProblem(`${key} must be a string`);
      if (value.length > 200 || /[\n\r\0]/.test(value)) {
        throw new OverrideProblem(`${key} must be one line of at most 200 characters`);
      }
      if (choices && !choices.includes(value)) {
        throw new OverrideProblem(`${key} must be one of ${choices.join(', ')}`);
      }
      return value;
  }
}

function typeName(type: ScalarType): string {
  return { bool: 'true/false', int: 'whole numbers', float: 'numbers', str: 'strings' }[type];
}

/** "did you mean" for a key that differs from a known one only in its section or by a typo's length. */
function suggestion(key: string, schema: TrainerConfigSchema): string {
  const last = key.split('.').pop()!;
  const same = Object.keys(schema.keys).filter((k) => k.split('.').pop() === last);
  return same.length ? ` (did you mean ${same.join(' or ')}?)` : '';
}

/**
 * The trainer's `--set key=value` arguments for the overrides. Values are YAML to the trainer: JSON is
 * YAML, so each value is written as JSON (a string stays a string even when it looks like a number).
 */
export function overrideArgs(overrides: TrainingOverrides): string[] {
  return Object.entries(overrides).map(([key, value]) => `--set=${key}=${JSON.stringify(value)}`);
}

/**
 * Overrides as text pairs (the GraphQL input: `{key: "train.batch_size", value: "2"}`), typed by the
 * schema: a number or true/false where the key wants one, a JSON list for a list, the text itself for a
 * string (quotes optional). An unknown key is left for validateOverrides to refuse by name.
 */
export function overridesFromText(
  pairs: readonly { key: string; value: string }[],
  schema: TrainerConfigSchema = TRAINER_CONFIG_SCHEMA,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of pairs) {
    if (key in out) throw new OverrideProblem(`${key} is given twice`);
    const spec = schema.keys[key];
    const text = value.trim();
    if (!spec) {
      out[key] = text;
    } else if (spec.type === 'str') {
      out[key] = /^".*"$/s.test(text) ? parseJson(key, text) : text;
    } else if (spec.type === 'int' || spec.type === 'float') {
      out[key] = text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    } else if (spec.type === 'bool') {
      out[key] = text === 'true' ? true : text === 'false' ? false : text;
    } else {
      out[key] = parseJson(key, text);
    }
  }
  return out;
}

function parseJson(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new OverrideProblem(
      `${key} must be written as JSON, e.g. [1, 2] for a list (got ${text.slice(0, 40)})`,
    );
  }
}

/**
 * The genres a run's data may carry that its model cannot embed: the preset's vocabulary, or the one
 * an override of conditions.genres gives, against the dataset version's genres.
 */
export function genresOutsideVocabulary(
  preset: string,
  overrides: TrainingOverrides,
  datasetGenres: readonly string[],
  schema: TrainerConfigSchema = TRAINER_CONFIG_SCHEMA,
): { vocabulary: string[]; missing: string[] } {
  const override = overrides['conditions.genres'];
  const vocabulary = Array.isArray(override)
    ? override.map(String)
    : (schema.presets[preset]?.['conditions.genres'] ?? []);
  return { vocabulary, missing: datasetGenres.filter((genre) => !vocabulary.includes(genre)) };
}
