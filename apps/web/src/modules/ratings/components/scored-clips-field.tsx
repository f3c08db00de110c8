'use client';

import { useId } from 'react';
import type { UploadedMedia } from '@/modules/soundtracks/lib/job-types';
import { MAX_SCORED_CLIPS, type ScoredClipRow, type UploadChoice } from '../lib/campaign-clips';
import { UploadPicker, type PickedKind } from './upload-picker';
import { useFocusAfterAdd } from './use-focus-after-add';

const SCORES = ['1 Bad', '2 Poor', '3 Fair', '4 Good', '5 Excellent'];

// Gold clips (P.808's gold questions: a rater more than 1 away from the expected score is excluded) or
// training anchors (shown with their score before rating): a WAV each, picked or uploaded here, and its
// expected score 1-5.
export function ScoredClipsField({
  title,
  what,
  hint,
  rows,
  onChange,
  choices,
  onUploaded,
}: {
  title: string;
  what: 'Gold clip' | 'Training clip';
  hint: string;
  rows: ScoredClipRow[];
  onChange: (rows: ScoredClipRow[]) => void;
  choices: UploadChoice[];
  onUploaded: (kind: PickedKind, media: UploadedMedia) => void;
}) {
  const base = useId();
  const focus = useFocusAfterAdd();
  const set = (i: number, change: Partial<ScoredClipRow>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...change } : row)));
  return (
    <fieldset className="stack">
      <legend className="field-label">{title}</legend>
      <span className="field-hint">{hint}</span>
      {rows.map((row, i) => (
        <div key={i} className="stack scored-clip">
          <UploadPicker
            label={`${what} ${i + 1}`}
            kind="WAV"
            choices={choices}
            value={row.uploadId}
            onChange={(uploadId) => set(i, { uploadId })}
            onUploaded={onUploaded}
            selectId={`${base}-${i}`}
          />
          <div className="field">
            <label className="field-label" htmlFor={`${base}-${i}-score`}>
              {`${what} ${i + 1}: expected score`}
            </label>
            <select
              id={`${base}-${i}-score`}
              value={row.score}
              onChange={(event) => set(i, { score: event.target.value })}
            >
              <option value="">Choose 1 to 5…</option>
              {SCORES.map((score, s) => (
                <option key={score} value={String(s + 1)}>
                  {score}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button-link"
            aria-label={`Remove ${what.toLowerCase()} ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      {rows.length < MAX_SCORED_CLIPS ? (
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            onChange([...rows, { uploadId: '', score: '' }]);
            focus(`${base}-${rows.length}`);
          }}
        >
          {`Add a ${what.toLowerCase()}`}
        </button>
      ) : null}
    </fieldset>
  );
}
