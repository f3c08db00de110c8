'use client';

import { useCallback, useState } from 'react';
import type { RouteFailure, UploadedMedia } from '@/modules/soundtracks/lib/job-types';
import { addUploadToDatasetAction } from '../actions/curation.actions';

/** One file of a batch and how far it got. */
export interface FileUpload {
  key: string;
  name: string;
  sent: number;
  total: number;
  status: 'waiting' | 'uploading' | 'adding' | 'added' | 'failed';
  /** Why it failed, in words. */
  message?: string;
}

const lostConnection = 'The upload was interrupted. Check the connection and choose the file again.';

// Sends one file as the raw body of POST /generate/upload (the console's proxy streams it to the API's
// POST /v1/uploads), reporting bytes sent; XMLHttpRequest because fetch cannot report upload progress.
function sendFile(file: File, onProgress: (sent: number, total: number) => void): Promise<UploadedMedia> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Not JSON: a proxy's error page; the status decides below.
      }
      if (request.status === 201 && body) return resolve(body as UploadedMedia);
      if (request.status === 401) window.location.assign('/login?expired=1');
      const error = (body as { error?: RouteFailure } | null)?.error;
      reject(new Error(error?.message ?? 'The upload was refused. Try again.'));
    };
    request.onerror = () => reject(new Error(lostConnection));
    request.open('POST', '/generate/upload');
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    request.send(file);
  });
}

// Uploads a batch of videos one after another (two cores and one uplink gain nothing from more at once)
// and adds each to the dataset as soon as it is up, so its ingest starts while the next file uploads. A
// file that fails says why and the batch goes on with the next.
export function useVideoUploads(datasetId: string, onAdded: () => void) {
  const [uploads, setUploads] = useState<FileUpload[]>([]);

  const update = useCallback((key: string, change: Partial<FileUpload>) => {
    setUploads((current) =>
      current.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)),
    );
  }, []);

  const start = useCallback(
    async (files: readonly File[]) => {
      const stamp = Date.now();
      const batch = files.map((file, index) => ({ file, key: `${stamp}-${index}-${file.name}` }));
      setUploads((current) => [
        ...current,
        ...batch.map(({ file, key }) => ({
          key,
          name: file.name,
          sent: 0,
          total: file.size,
          status: 'waiting' as const,
        })),
      ]);
      for (const { file, key } of batch) {
        try {
          update(key, { status: 'uploading' });
          const media = await sendFile(file, (sent, total) => update(key, { sent, total }));
          update(key, { status: 'adding', sent: media.bytes, total: media.bytes });
          const added = await addUploadToDatasetAction(datasetId, media.id);
          if ('error' in added) update(key, { status: 'failed', message: added.error });
          else {
            update(key, { status: 'added' });
            onAdded();
          }
        } catch (error) {
          update(key, { status: 'failed', message: error instanceof Error ? error.message : lostConnection });
        }
      }
    },
    [datasetId, onAdded, update],
  );

  return { uploads, start };
}
