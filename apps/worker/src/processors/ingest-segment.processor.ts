import { Injectable } from '@nestjs/common';
import { IngestSegmentHandler } from '@loris/domain';
import { FinalFailure, INGEST_SEGMENT, IngestSegmentJobData, JobProcessor, JobRun } from '@loris/engine';

@Injectable()
export class IngestSegmentProcessor implements JobProcessor<IngestSegmentJobData> {
  readonly job = INGEST_SEGMENT;

  constructor(private readonly handler: IngestSegmentHandler) {}

  process(data: IngestSegmentJobData, run: JobRun): Promise<void> {
    return this.handler.handle(data, run);
  }

  onFinalFailure(data: IngestSegmentJobData, failure: FinalFailure): Promise<void> {
    return this.handler.onFinalFailure(data, failure);
  }
}
