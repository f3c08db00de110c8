import { Injectable } from '@nestjs/common';
import { EvaluateModelHandler } from '@loris/domain';
import { EVALUATE_MODEL, EvaluateModelJobData, FinalFailure, JobProcessor, JobRun } from '@loris/engine';

@Injectable()
export class EvaluateModelProcessor implements JobProcessor<EvaluateModelJobData> {
  readonly job = EVALUATE_MODEL;

  constructor(private readonly handler: EvaluateModelHandler) {}

  process(data: EvaluateModelJobData, run: JobRun): Promise<void> {
    return this.handler.handle(data, run);
  }

  onFinalFailure(data: EvaluateModelJobData, failure: FinalFailure): Promise<void> {
    return this.handler.onFinalFailure(data, failure);
  }
}
