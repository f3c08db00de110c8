'use client';

import { useId, useState } from 'react';
import { FormError } from '@/components/form-error';
import type { UploadedMedia } from '@/modules/soundtracks/lib/job-types';
import { sendUpload } from '@/modules/soundtracks/lib/send-upload';
import type { UploadChoice } from '../lib/campaign-clips';

export type PickedKind = 'WAV' | 'POSES' | 'VIDEO';

const KINDS: Record<PickedKind, { word: string; accept: string }> = {
  WAV: { word: 'a WAV', accept: '.wav,audio/wav,audio/x-wav' },
  POSES: { word: 'a pose track', accept: '.json,application/json' },
  VIDEO: { word: 'a video', accept: 'video/*' },
};

// One upload for a campaign: picked from the workspace's uploads of its kind, or a file sent from here
// (through the console's upload route, as Generate sends one) and picked as soon as the API took it. The
// API decides what a file is from its bytes; a file of another kind is refused in words, not picked.
export function UploadPicker({
  label,
  kind,
  choices,
  value,
  onChange,
  onUploaded,
  selectId,
}: {
  label: string;
  kind: PickedKind;
  choices: UploadChoice[];
  value: string;
  onChange: (id: string) => void;
  /** A file sent from here, for every picker of its kind to offer. */
  onUploaded: (kind: PickedKind, media: UploadedMedia) => void;
  /** For the row's "Add" button to move the focus here. */
  selectId?: string;
}) {
  const fallbackId = useId();
  const id = selectId ?? fallbackId;
  const [sending, setSending] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<string>();
  const { word, accept } = KINDS[kind];

  async function upload(file: File) {
    setError(undefined);
    setSending({ sent: 0, total: file.size });
    try {
      const media = await sendUpload(file, (sent, total) => setSending({ sent, total }));
      if (media.kind !== kind) {
        setError(`${file.name} is not ${word}: the API read it as ${media.kind.toLowerCase()}.`);
        return;
      }
      onUploaded(kind, media);
      onChange(media.id);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The upload failed. Try again.');
    } finally {
      setSending(null);
    }
  }

  return (
    <div className="stack upload-picker">
      {/* A label beside, not around, the select: its name is the label alone, not the option shown. */}
      <div className="field">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{choices.length ? `Choose ${word}…` : `No ${word} uploaded yet`}</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <label className="field-hint">
        or upload {word}:{' '}
        <input
          type="file"
          accept={accept}
          aria-label={`Upload ${label}`}
          disabled={sending !== null}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void upload(file);
          }}
        />
      </label>
      {sending ? (
        <progress aria-label={`${label}: upload progress`} max={sending.total || 1} value={sending.sent} />
      ) : null}
      <FormError message={error} />
    </div>
  );
}
