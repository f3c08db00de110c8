'use client';

import { FormError } from '@/components/form-error';
import { formatSeconds } from '@/lib/format/format-seconds';
import type { UploadedMedia } from '../lib/job-types';
import { kindLabels } from '../lib/upload-kinds';
import type { UploadState } from './use-media-upload';

/** "6.0 s, 180 frames at 30 fps" or "6.0 s, 640×360 at 25 fps": what the API measured of the input. */
function describeMedia(media: UploadedMedia): string {
  const parts = [formatSeconds(media.durationSeconds)];
  const rate = media.fps ? ` at ${Number(media.fps.toFixed(2))} fps` : '';
  if (media.frames) parts.push(`${media.frames} frames${rate}`);
  else if (media.width && media.height) parts.push(`${media.width}×${media.height}${rate}`);
  return parts.join(', ');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// The file input of the Generate form and what became of the chosen file: sending, ready, or refused in
// the API's words.
export function MediaUploadField({ state, onFile }: { state: UploadState; onFile: (file: File) => void }) {
  return (
    <div className="stack">
      <label className="field">
        <span className="field-label">Video or pose track</span>
        <input
          // No name: the file goes up by itself as it is chosen, never inside the form's submission.
          type="file"
          accept="video/*,.json,application/json"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) onFile(file);
          }}
        />
        <span className="field-hint">
          A dance or sports video, or a pose track as JSON <code>{'{fps, keypoints}'}</code> (COCO-17).
        </span>
      </label>
      {state.status === 'uploading' ? (
        <div className="field">
          <span className="field-hint">Uploading {state.name}…</span>
          <progress aria-label="Upload progress" max={state.total || 1} value={state.sent} />
        </div>
      ) : null}
      {state.status === 'done' ? (
        <p className="notice notice-success" role="status">
          {kindLabels[state.media.kind] ?? state.media.kind} uploaded: {state.name} (
          {formatBytes(state.media.bytes)}) · {describeMedia(state.media)}
        </p>
      ) : null}
      <FormError message={state.status === 'error' ? state.message : undefined} />
    </div>
  );
}
