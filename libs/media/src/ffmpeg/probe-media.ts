import type { MediaProbe } from '../media.types';
import { MediaToolFailed } from '../media.errors';

/** Probes a media file with ffprobe. Throws InvalidMedia for text, corrupt or stream-less files. */
export async function probeMedia(path: string): Promise<MediaProbe> {
  throw new MediaToolFailed('ffprobe', `probeMedia(${path}) is being implemented`);
}
