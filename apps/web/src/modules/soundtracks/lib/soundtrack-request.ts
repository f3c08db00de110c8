import type { RequestSoundtrackInput } from '@/graphql/generated';
import { modelSelector } from './model-choices';
import { isGenerationInput } from './upload-kinds';

// The samplers the API accepts (RequestSoundtrackInput.sampler); an empty choice leaves the model's default.
export const samplers = ['adpm2', 'euler', 'heun', 'dpmpp-2m'] as const;

// The Generate form as typed: every value a string, '' meaning "not given, use the model's default".
export interface GenerateFormValues {
  uploadId: string;
  uploadKind: string;
  genre: string;
  seconds: string;
  seed: string;
  steps: string;
  sampler: string;
  guidance: string;
  /** '' or missing: the workspace default; else the alias to serve it (see model-choices). */
  model?: string;
}

export type ParsedRequest = { input: RequestSoundtrackInput } | { error: string };

type NumberRule = { label: string; integer?: boolean; min?: number };

class FormProblem extends Error {}

// Only the form of each number is checked here; ranges (at most 300 s, steps the model allows, ...) are the
// API's to decide, and its refusal is shown in its own words. Blank is null: the API's default applies.
function optionalNumber(text: string, rule: NumberRule): number | null {
  if (text === '') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new FormProblem(`${rule.label} must be a number.`);
  if (rule.integer && !Number.isInteger(value))
    throw new FormProblem(`${rule.label} must be a whole number.`);
  if (rule.min !== undefined && value < rule.min) {
    throw new FormProblem(`${rule.label} must be at least ${rule.min}.`);
  }
  return value;
}

function checkedInput(values: GenerateFormValues): RequestSoundtrackInput {
  if (!values.uploadId) throw new FormProblem('Upload a video or a pose track first.');
  if (!isGenerationInput(values.uploadKind)) {
    throw new FormProblem('A soundtrack is made from a video or a pose track; upload one of those.');
  }
  if (!values.genre) throw new FormProblem('Choose a genre.');
  if (values.sampler !== '' && !(samplers as readonly string[]).includes(values.sampler)) {
    throw new FormProblem(`Sampler must be one of ${samplers.join(', ')}.`);
  }
  const model = modelSelector(values.model);
  return {
    ...(model ? { model } : {}),
    posesUploadId: values.uploadKind === 'POSES' ? values.uploadId : null,
    videoUploadId: values.uploadKind === 'VIDEO' ? values.uploadId : null,
    genre: values.genre,
    seconds: optionalNumber(values.seconds, { label: 'Seconds' }),
    seed: optionalNumber(values.seed, { label: 'Seed', integer: true, min: 0 }),
    steps: optionalNumber(values.steps, { label: 'Steps', integer: true, min: 1 }),
    sampler: values.sampler || null,
    guidance: optionalNumber(values.guidance, { label: 'Guidance', min: 0 }),
  };
}

// Turns what was typed into the API's input, or says in words what is missing or malformed.
export function parseSoundtrackRequest(values: GenerateFormValues): ParsedRequest {
  try {
    return { input: checkedInput(values) };
  } catch (error) {
    if (error instanceof FormProblem) return { error: error.message };
    throw error;
  }
}
