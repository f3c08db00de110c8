import { Injectable } from '@nestjs/common';
import { JobEvents } from '@loris/engine';
import {
  isFinished,
  parseSoundtrackJobUpdate,
  SOUNDTRACK_JOB_TOPIC,
  SoundtrackJobView,
} from './soundtrack-job.view';
import { SoundtracksService } from './soundtracks.service';

/** A job's state as it changes, for the API's subscription. */
@Injectable()
export class SoundtrackUpdates {
  constructor(
    private readonly service: SoundtracksService,
    private readonly events: JobEvents,
  ) {}

  /**
   * The tenant's job as it is, then each published update until it finishes. The job is read after
   * listening starts, so an update between the read and the first message is not lost; NOT_FOUND for
   * another tenant's job (row-level security), before anything is sent.
   */
  async follow(tenantId: string, jobId: string): Promise<AsyncGenerator<SoundtrackJobView>> {
    const updates = await this.events.followUpdates(SOUNDTRACK_JOB_TOPIC, jobId, parseSoundtrackJobUpdate);
    let current: SoundtrackJobView;
    try {
      current = await this.service.view(tenantId, jobId);
    } catch (error) {
      await updates.close();
      throw error;
    }
    return (async function* () {
      try {
        let job: SoundtrackJobView | null = current;
        yield job;
        while (!isFinished(job.status)) {
          job = await updates.next();
          if (job === null) return;
          yield job;
        }
      } finally {
        await updates.close();
      }
    })();
  }
}
