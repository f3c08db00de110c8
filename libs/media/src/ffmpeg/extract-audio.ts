import type { ExtractAudioOptions, ExtractedAudio } from '../media.types';
import { MediaToolFailed } from '../media.errors';

/** Decodes the audio stream to float PCM at the model's rate (22050 Hz mono by default). */
export async function extractAudio(path: string, opts: ExtractAudioOptions = {}): Promise<ExtractedAudio> {
  throw new MediaToolFailed('ffmpeg', `extractAudio(${path}, ${opts.sampleRate}) is being implemented`);
}
