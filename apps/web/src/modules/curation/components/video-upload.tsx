'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useId } from 'react';
import { progressPercent } from '@/modules/soundtracks/components/job-progress';
import styles from './curation.module.css';
import { useVideoUploads, type FileUpload } from './use-video-uploads';

const statusWords: Record<FileUpload['status'], string> = {
  waiting: 'Waiting',
  uploading: 'Uploading',
  adding: 'Adding to the dataset',
  added: 'Added; ingest queued',
  failed: 'Not added',
};

function UploadRow({ upload }: { upload: FileUpload }) {
  const share = upload.total > 0 ? upload.sent / upload.total : 0;
  return (
    <li className="stack" data-upload={upload.status}>
      <span>
        <strong className={styles.name}>{upload.name}</strong>{' '}
        <span className="muted" role="status">
          {statusWords[upload.status]}
          {upload.status === 'uploading' ? ` ${progressPercent(share)}` : ''}
        </span>
      </span>
      {upload.status === 'failed' ? null : (
        <progress
          aria-label={`Upload of ${upload.name}`}
          max={1}
          value={upload.status === 'waiting' ? 0 : share}
        />
      )}
      {upload.message ? (
        <p className="notice notice-error" role="alert">
          {upload.message}
        </p>
      ) : null}
    </li>
  );
}

// The dataset's upload area: several videos at once, a bar per file, and per file why it was not added.
export function VideoUpload({ datasetId }: { datasetId: string }) {
  const router = useRouter();
  const inputId = useId();
  const refresh = useCallback(() => router.refresh(), [router]);
  const { uploads, start } = useVideoUploads(datasetId, refresh);
  return (
    <section className="stack" aria-label="Upload videos">
      <h2>Add videos</h2>
      <label className="field" htmlFor={inputId}>
        <span className="field-label">Video files</span>
        <input
          id={inputId}
          type="file"
          multiple
          accept="video/*"
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            if (files.length > 0) void start(files);
          }}
        />
        <span className="field-hint">
          Choose several at once. Each needs an audio track and at least one segment’s length.
        </span>
      </label>
      {uploads.length > 0 ? (
        <ul className={styles.uploadList} aria-label="Uploads">
          {uploads.map((upload) => (
            <UploadRow key={upload.key} upload={upload} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
