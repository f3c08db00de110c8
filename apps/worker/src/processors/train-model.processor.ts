import { Injectable } from '@nestjs/common';
import { TrainModelHandler } from '@loris/domain';
import { FinalFailure, JobProcessor, JobRun, TRAIN_MODEL, TrainModelJobData } from '@loris/engine';

@Injectable()
export class TrainModelProcessor implements JobProcessor<TrainModelJobData> {
  readonly job = TRAIN_MODEL;

  constructor(private readonly handler: TrainModelHandler) {}

  process(data: TrainModelJobData, run: JobRun): Promise<void> {
    return this.handler.handle(data, run);
  }

  onFinalFailure(data: TrainModelJobData, failure: FinalFailure): Promise<void> {
    return this.handler.onFinalFailure(data, failure);
  }
}
