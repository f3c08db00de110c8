import type { UploadedMedia } from './job-types';

export const kindLabels: Record<UploadedMedia['kind'], string> = {
  POSES: 'Pose track',
  VIDEO: 'Video',
  WAV: 'WAV audio',
  MP4: 'MP4',
};

// The API stores WAVs too, but a soundtrack is generated from movement: poses, or a video to find them in.
export function isGenerationInput(kind: string): kind is 'POSES' | 'VIDEO' {
  return kind === 'POSES' || kind === 'VIDEO';
}
