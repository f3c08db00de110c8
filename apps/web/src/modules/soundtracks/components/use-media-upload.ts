'use client';

import { useCallback, useRef, useState } from 'react';
import type { RouteFailure, UploadedMedia } from '../lib/job-types';
import { kindLabels, isGenerationInput } from '../lib/upload-kinds';

export type UploadState =
  | { status: 'idle' }
  | { status: 'uploading'; name: string; sent: number; total: number }
  | { status: 'done'; name: string; media: UploadedMedia }
  | { status: 'error'; message: string };

const lostConnection = 'The upload was interrupted. Check the connection and choose the file again.';

function failureMessage(response: unknown): string {
  const error = (response as { error?: RouteFailure } | null)?.error;
  return error?.message ?? 'The upload was refused. Try again.';
}

// Sends the chosen file as the raw body of POST /generate/upload (the console streams it on to the API).
// XMLHttpRequest rather than fetch: only it reports how much of a large video has been sent.
export function useMediaUpload() {
  const [state, setState] = useState<UploadState>({ status: 'idle' });
  const current = useRef<XMLHttpRequest | null>(null);

  const upload = useCallback((file: File) => {
    current.current?.abort();
    const request = new XMLHttpRequest();
    current.current = request;
    setState({ status: 'uploading', name: file.name, sent: 0, total: file.size });
    request.upload.onprogress = (event) => {
      setState({ status: 'uploading', name: file.name, sent: event.loaded, total: event.total || file.size });
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Not JSON: a proxy's error page; the status decides below.
      }
      const media = request.status === 201 ? (body as UploadedMedia | null) : null;
      if (media && isGenerationInput(media.kind)) {
        setState({ status: 'done', name: file.name, media });
      } else if (media) {
        const kind = kindLabels[media.kind];
        setState({ status: 'error', message: `${kind} cannot be used: upload a video or a pose track.` });
      } else if (request.status === 401) {
        window.location.assign('/login?expired=1');
      } else {
        setState({ status: 'error', message: failureMessage(body) });
      }
    };
    request.onerror = () => setState({ status: 'error', message: lostConnection });
    request.open('POST', '/generate/upload');
    request.setRequestHeader('content-type', 'application/octet-stream');
    // Kept by the API to show on the job page and to name downloads; percent-encoded, as headers are Latin-1.
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    request.send(file);
  }, []);

  return { state, upload };
}
