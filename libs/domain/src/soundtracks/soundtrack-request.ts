import { SoundtrackJobStatus } from '@loris/db';

/** What an API client asks for; every field but the input and the genre has a default (libs/inference). */
export interface SoundtrackRequest {
  posesUploadId?: string | null;
  videoUploadId?: string | null;
  genre: string;
  seconds?: number | null;
  seed?: number | null;
  steps?: number | null;
  sampler?: string | null;
  guidance?: number | null;
  idempotencyKey?: string | null;
}

export interface SoundtrackJobsPage {
  first: number;
  after?: string | null;
  status?: SoundtrackJobStatus | null;
}
