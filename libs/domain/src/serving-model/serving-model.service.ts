import { Inject, Injectable } from '@nestjs/common';
import { resolve } from 'node:path';
import { APP_CONFIG, AppConfig } from '@loris/engine';
import { MAX_REQUEST_SECONDS, ModelContract, readContractCached } from '@loris/inference';

/** What a request gets for the fields it leaves out, and what it may ask for. */
export interface ServingModelView {
  name: string;
  version: string;
  genres: { name: string; index: number }[];
  segmentSeconds: number;
  maxSeconds: number;
  /** How long the model goes in one pass, and how much consecutive windows of a longer request share. */
  windowSeconds: number;
  overlapSeconds: number;
  outputSampleRate: number;
  sampler: string;
  steps: number;
  guidance: number;
}

/**
 * The built-in model (MODEL_DIR): its card, parsed once per model version (libs/inference caches it by
 * model.json's sha256, so a replaced model is picked up without a restart). The API needs only the card;
 * the worker's generation thread loads the ONNX sessions from the same directory.
 */
@Injectable()
export class ServingModelService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get dir(): string {
    return resolve(this.config.soundtracks.modelDir);
  }

  contract(): Promise<ModelContract> {
    return readContractCached(this.dir);
  }

  async describe(): Promise<ServingModelView> {
    return this.describeContract(await this.contract());
  }

  /** What a request served by the model of `contract` gets for what it leaves out. */
  describeContract(contract: ModelContract): ServingModelView {
    return {
      name: contract.name,
      version: contract.version,
      genres: contract.genres.map((name, index) => ({ name, index })),
      segmentSeconds: contract.segmentSamples / contract.sampleRate,
      // The platform's cap, or the card's own longest request when that is shorter.
      maxSeconds: Math.min(MAX_REQUEST_SECONDS, contract.windows.maxSeconds),
      windowSeconds: contract.windows.samples / contract.sampleRate,
      overlapSeconds: contract.windows.overlapSamples / contract.sampleRate,
      outputSampleRate: contract.outputSampleRate,
      sampler: contract.sampler.name,
      steps: contract.sampler.steps,
      guidance: contract.sampler.guidanceScale,
    };
  }
}
