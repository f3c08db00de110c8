'use client';

import { useCallback, useEffect, useState, type RefObject } from 'react';
import { sampleDancer } from '../lib/sample-dancer';
import type { UploadState } from './use-media-upload';

export type SamplePhase = 'idle' | 'fetching' | 'uploading' | 'submitted';

const unavailable =
  'The sample dancer could not be loaded. Reload the page, or choose a video or pose track of your own.';

// One click from nothing to a queued job: fetch the bundled pose track, send it up the same way a chosen
// file goes (so the upload field shows it), and once its id is in the form, submit the form as it stands,
// genre and settings included.
export function useSampleDancer(
  form: RefObject<HTMLFormElement | null>,
  upload: UploadState,
  send: (file: File) => void,
) {
  const [phase, setPhase] = useState<SamplePhase>('idle');
  const [error, setError] = useState<string>();

  // Runs after the render that put the upload's id into the hidden field, so the submission carries it.
  useEffect(() => {
    if (phase !== 'uploading') return;
    if (upload.status === 'done' && upload.name === sampleDancer.fileName) {
      setPhase('submitted');
      form.current?.requestSubmit();
    } else if (upload.status === 'error') {
      setPhase('idle');
    }
  }, [phase, upload, form]);

  const trySample = useCallback(async () => {
    setError(undefined);
    setPhase('fetching');
    let file: File;
    try {
      const response = await fetch(sampleDancer.url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      file = new File([await response.blob()], sampleDancer.fileName, { type: 'application/json' });
    } catch {
      setPhase('idle');
      setError(unavailable);
      return;
    }
    // Set in the same render as the upload's own "uploading" state, so the effect above waits for this one.
    setPhase('uploading');
    send(file);
  }, [send]);

  return { phase, error, trySample };
}
