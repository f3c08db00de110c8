import { Injectable } from '@nestjs/common';
import { SoundtrackJobModel, toSoundtrackJobModel } from './models/soundtrack-job.model';
import { SoundtrackEvents } from './soundtrack-events.service';
import { isFinished, SoundtracksService } from './soundtracks.service';

const DATES = ['createdAt', 'startedAt', 'finishedAt'] as const;

/** Parses a published job update (JSON of a SoundtrackJobModel) back into one. */
export function parseJobUpdate(message: string): SoundtrackJobModel {
  const job = JSON.parse(message) as SoundtrackJobModel;
  for (const key of DATES) if (job[key]) job[key] = new Date(job[key] as unknown as string);
  return job;
}

@Injectable()
export class SoundtrackJobUpdates {
  constructor(
    private readonly service: SoundtracksService,
    private readonly events: SoundtrackEvents,
  ) {}

  /**
   * The tenant's job as it is, then each published update until it finishes. The job is read after
   * listening starts, so an update between the read and the first message is not lost; NOT_FOUND for
   * another tenant's job (row-level security), before anything is sent.
   */
  async follow(tenantId: string, jobId: string): Promise<AsyncGenerator<SoundtrackJobModel>> {
    const messages = await this.events.open(jobId);
    let current: SoundtrackJobModel;
    try {
      current = toSoundtrackJobModel(await this.service.find(tenantId, jobId));
    } catch (error) {
      await messages.close();
      throw error;
    }
    return (async function* () {
      try {
        let job = current;
        yield job;
        while (!isFinished(job.status)) {
          const message = await messages.next();
          if (message === null) return;
          job = parseJobUpdate(message);
          yield job;
        }
      } finally {
        await messages.close();
      }
    })();
  }
}
