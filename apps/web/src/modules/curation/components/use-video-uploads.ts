'use client';

import { useCallback, useState } from 'react';
import { lostConnection, sendUpload } from '@/modules/soundtracks/lib/send-upload';
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
          const media = await sendUpload(file, (sent, total) => update(key, { sent, total }));
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
