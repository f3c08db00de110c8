import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { GenerationThread, ModelThreads } from '@loris/inference';
import { ServingModelService } from './serving-model.service';

/**
 * The worker's generation thread for the serving model (see GenerationThread: this process's heap is
 * large). libs/inference's ModelThreads starts it on first use, again after a crash, and anew when the
 * model's card changes, so the worker follows the same model version as the API's requests.
 */
@Injectable()
export class GenerationThreads implements OnApplicationShutdown {
  private readonly threads = new ModelThreads();

  constructor(private readonly model: ServingModelService) {}

  get(): Promise<GenerationThread> {
    return this.threads.get(this.model.dir);
  }

  onApplicationShutdown(): Promise<void> {
    return this.threads.close();
  }
}
