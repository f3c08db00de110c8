import { Injectable } from '@nestjs/common';
import { IngestVideoHandler } from '@loris/domain';
import { FinalFailure, INGEST_VIDEO, IngestVideoJobData, JobProcessor, JobRun } from '@loris/engine';

@Injectable()
export class IngestVideoProcessor implements JobProcessor<IngestVideoJobData> {
  readonly job = INGEST_VIDEO;

  constructor(private readonly handler: IngestVideoHandler) {}

  process(data: IngestVideoJobData, run: JobRun): Promise<void> {
    return this.handler.handle(data, run);
  }

  onFinalFailure(data: IngestVideoJobData, failure: FinalFailure): Promise<void> {
    return this.handler.onFinalFailure(data, failure);
  }
}
