import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ModelContract, parseModelContract } from '@loris/inference';
import { APP_CONFIG, AppConfig } from '../../engine/config/app-config';

/**
 * The serving model's card (MODEL_DIR/model.json): its genres, segment length and sampler defaults. The
 * API needs only the card; the worker loads the ONNX sessions from the same directory.
 */
@Injectable()
export class ServingModelService {
  private card?: Promise<ModelContract>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get dir(): string {
    return resolve(this.config.soundtracks.modelDir);
  }

  contract(): Promise<ModelContract> {
    if (!this.card) {
      this.card = readFile(join(this.dir, 'model.json'), 'utf8').then((text) =>
        parseModelContract(JSON.parse(text)),
      );
      // A model installed after start is picked up by the next call rather than failing forever.
      this.card.catch(() => (this.card = undefined));
    }
    return this.card;
  }

  /** The model's segment length in seconds: the default length of a request. */
  async segmentSeconds(): Promise<number> {
    const contract = await this.contract();
    return contract.segmentSamples / contract.sampleRate;
  }
}
