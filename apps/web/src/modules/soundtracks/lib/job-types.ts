import type { SoundtrackJobFieldsFragment, SoundtrackJobPageFieldsFragment } from '@/graphql/generated';

// One job as every view shows it (page, live stream, list): the fields of the SoundtrackJobFields fragment.
export type SoundtrackJob = SoundtrackJobFieldsFragment;

// One job as its page shows it: those fields, the sync and the model version (SoundtrackJobPageFields).
export type SoundtrackJobPage = SoundtrackJobPageFieldsFragment;

// What the console's own routes answer when the API (or the session) refused: words fit for the user.
export interface RouteFailure {
  code: string;
  message: string;
}

// The answer of POST /generate/upload.
export interface UploadedMedia {
  id: string;
  kind: 'POSES' | 'VIDEO' | 'WAV' | 'MP4';
  bytes: number;
  mediaType: string;
  /** The file's own name as the API kept it (sanitised); null when it was given none. */
  fileName: string | null;
  /** What the API measured (null where it does not apply): the length bounds a request for this input. */
  durationSeconds: number | null;
  frames: number | null;
  fps: number | null;
  width: number | null;
  height: number | null;
}
