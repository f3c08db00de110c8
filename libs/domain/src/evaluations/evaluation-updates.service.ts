import { Injectable } from '@nestjs/common';
import { JobEvents } from '@loris/engine';
import { EvaluationReader } from './evaluation-reader';
import { EVALUATION_TOPIC, EvaluationView, isEvaluationFinished } from './evaluations.views';

const DATES = ['createdAt', 'startedAt', 'finishedAt'] as const;

export function parseEvaluationUpdate(json: string): EvaluationView {
  const view = JSON.parse(json) as EvaluationView;
  for (const key of DATES) if (view[key]) view[key] = new Date(view[key] as unknown as string);
  return view;
}

/** An evaluation as it progresses, for the API's subscription (as SoundtrackUpdates does for jobs). */
@Injectable()
export class EvaluationUpdates {
  constructor(
    private readonly reader: EvaluationReader,
    private readonly events: JobEvents,
  ) {}

  /**
   * The run as it is, then each published update until it ends. Listening starts before the read, so an
   * update in between is not lost; NOT_FOUND for another tenant's run, before anything is sent.
   */
  async follow(tenantId: string, id: string): Promise<AsyncGenerator<EvaluationView>> {
    const updates = await this.events.followUpdates(EVALUATION_TOPIC, id, parseEvaluationUpdate);
    let current: EvaluationView;
    try {
      current = await this.reader.view(tenantId, id);
    } catch (error) {
      await updates.close();
      throw error;
    }
    return (async function* () {
      try {
        let view: EvaluationView | null = current;
        yield view;
        while (!isEvaluationFinished(view.status)) {
          view = await updates.next();
          if (view === null) return;
          yield view;
        }
      } finally {
        await updates.close();
      }
    })();
  }
}
