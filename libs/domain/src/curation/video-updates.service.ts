import { Injectable } from '@nestjs/common';
import { JobEvents } from '@loris/engine';
import { isVideoFinished, parseVideoUpdate, VIDEO_INGEST_TOPIC, VideoView } from './curation.views';
import { VideosService } from './videos.service';

/** A video's ingest as it goes, for the API's subscription. */
@Injectable()
export class VideoUpdates {
  constructor(
    private readonly videos: VideosService,
    private readonly events: JobEvents,
  ) {}

  /**
   * The video as it is, then each published update until its ingest ends. Listening starts before the
   * read, so no update between the two is lost; NOT_FOUND for another tenant's video, before anything.
   */
  async follow(tenantId: string, videoId: string): Promise<AsyncGenerator<VideoView>> {
    const updates = await this.events.followUpdates(VIDEO_INGEST_TOPIC, videoId, parseVideoUpdate);
    let current: VideoView;
    try {
      current = await this.videos.view(tenantId, videoId);
    } catch (error) {
      await updates.close();
      throw error;
    }
    return (async function* () {
      try {
        let video: VideoView | null = current;
        yield video;
        while (!isVideoFinished(video.status)) {
          video = await updates.next();
          if (video === null) return;
          yield video;
        }
      } finally {
        await updates.close();
      }
    })();
  }
}
