import type { ModelContract } from '@loris/inference';
import type { ModelContractSummary } from './models.views';

export function summarizeContract(contract: ModelContract): ModelContractSummary {
  return {
    name: contract.name,
    version: contract.version,
    sampleRate: contract.sampleRate,
    segmentSeconds: contract.segmentSamples / contract.sampleRate,
    genres: [...contract.genres],
    visualKind: contract.visual.kind,
    rhythmVariant: contract.rhythm.variant,
    sampler: contract.sampler.name,
    steps: contract.sampler.steps,
    guidance: contract.sampler.guidanceScale,
  };
}
