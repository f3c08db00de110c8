import { Injectable } from '@nestjs/common';
import { GenerateSoundtrackHandler } from '@loris/domain';
import {
  FinalFailure,
  GENERATE_SOUNDTRACK,
  GenerateSoundtrackJobData,
  JobProcessor,
  JobRun,
} from '@loris/engine';

@Injectable()
export class GenerateSoundtrackProcessor implements JobProcessor<GenerateSoundtrackJobData> {
  readonly job = GENERATE_SOUNDTRACK;

  constructor(private readonly handler: GenerateSoundtrackHandler) {}

  process(data: GenerateSoundtrackJobData, run: JobRun): Promise<void> {
    return this.handler.handle(data, run);
  }

  onFinalFailure(data: GenerateSoundtrackJobData, failure: FinalFailure): Promise<void> {
    return this.handler.onFinalFailure(data, failure);
  }
}
