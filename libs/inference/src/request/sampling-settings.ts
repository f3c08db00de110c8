// The sampler settings of a request, with the model card's defaults, checked. Only resolveSoundtrackRequest
// calls this on the way to generation, so a default or a limit is decided in one place.
import { InvalidRequestError } from '../inference.errors';
import type { ModelContract } from '../model/model-contract';
import { isSamplerName, SAMPLER_DEFAULT_STEPS, SAMPLER_NAMES, type SamplerName } from '../sampling/sampling';

export interface SamplingSettings {
  seed: number;
  steps: number;
  sampler: SamplerName;
  guidance: number;
}

/** Sampler settings as a request gives them: any may be left out; the sampler is any name until checked. */
export interface SamplingRequest {
  seed?: number;
  steps?: number;
  sampler?: string;
  guidance?: number;
}

/**
 * The request's sampling settings, checked, with defaults: the model card's sampler, guidance and (for
 * its own sampler) steps; SAMPLER_DEFAULT_STEPS for another sampler; seed 0.
 */
export function samplingSettings(contract: ModelContract, request: SamplingRequest): SamplingSettings {
  const defaults = contract.sampler;
  const sampler = request.sampler ?? defaults.name;
  if (!isSamplerName(sampler)) {
    throw new InvalidRequestError('sampler', `must be one of ${SAMPLER_NAMES.join(', ')}, got "${sampler}"`);
  }
  const settings = {
    seed: request.seed ?? 0,
    steps: request.steps ?? (sampler === defaults.name ? defaults.steps : SAMPLER_DEFAULT_STEPS[sampler]),
    sampler,
    guidance: request.guidance ?? defaults.guidanceScale,
  };
  if (!Number.isSafeInteger(settings.seed) || settings.seed < 0) {
    throw new InvalidRequestError('seed', `must be a non-negative integer, got ${settings.seed}`);
  }
  if (!Number.isInteger(settings.steps) || settings.steps < 1 || settings.steps > 1000) {
    throw new InvalidRequestError('steps', `must be an integer from 1 to 1000, got ${settings.steps}`);
  }
  if (!(Number.isFinite(settings.guidance) && settings.guidance >= 0)) {
    throw new InvalidRequestError('guidance', `must be a number >= 0, got ${settings.guidance}`);
  }
  return settings;
}
