import { SoundtrackJobStatus } from '@loris/db';
import type { ModelSelector } from '../models/models.views';

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
  /** The version or alias to serve it; default the tenant's `production` alias, else the built-in model. */
  model?: ModelSelector | null;
}

export interface SoundtrackJobsPage {
  first: number;
  after?: string | null;
  status?: SoundtrackJobStatus | null;
}
