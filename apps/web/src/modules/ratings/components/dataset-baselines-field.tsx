'use client';

import { useId } from 'react';
import { FormError } from '@/components/form-error';
import type { UploadedMedia } from '@/modules/soundtracks/lib/job-types';
import {
  fillSegmentRows,
  segmentLabel,
  type CampaignClipRows,
  type SegmentClipRow,
  type UploadChoice,
} from '../lib/campaign-clips';
import { BaselineSystemsField } from './baseline-systems-field';
import { UploadPicker, type PickedKind } from './upload-picker';
import { useFocusAfterAdd } from './use-focus-after-add';
import type { ItemSegments } from './use-item-segments';

// Items from a frozen split: the segments the campaign will take, shown by video, time and genre, and the
// baseline systems with a row per segment (the segment, then a clip of each baseline). The API matches a
// baseline's clips to the items by the items' order; the rows only say which clip is whose, so they may
// come in any order, and the action puts them in the API's.
export function DatasetBaselinesField({
  rows,
  onChange,
  items,
  choices,
  onUploaded,
}: {
  rows: CampaignClipRows;
  onChange: (rows: CampaignClipRows) => void;
  items: ItemSegments;
  /** The workspace's WAVs. */
  choices: UploadChoice[];
  onUploaded: (kind: PickedKind, media: UploadedMedia) => void;
}) {
  const base = useId();
  const focus = useFocusAfterAdd();
  const { segments, total } = items;
  const rowOf = new Map(rows.segments.map((row, i) => [row.segment, i]));
  const uncovered = segments.filter((segment) => !rowOf.has(segment.id)).length;
  const setRow = (i: number, change: Partial<SegmentClipRow>) =>
    onChange({ ...rows, segments: rows.segments.map((row, j) => (j === i ? { ...row, ...change } : row)) });
  return (
    <div className="stack">
      <div className="stack">
        <span className="field-hint">
          {total === null
            ? items.loading
              ? 'Reading the split’s segments…'
              : ''
            : total === 0
              ? 'This split has no segments: choose another split or version.'
              : `The campaign takes the first ${segments.length} of the split’s ${total} segments, ordered by segment id (“Items (at most)” sets how many, up to 500; they are read 100 at a time, only as far as the items go).${items.loading ? ' Reading more…' : ''}`}
        </span>
        {items.error ? (
          <>
            <FormError message={items.error} />
            <button type="button" className="button-secondary" onClick={items.retry}>
              Read the segments again
            </button>
          </>
        ) : null}
        {segments.length ? (
          <details>
            <summary>{`The ${segments.length} items`}</summary>
            <ol aria-label="The campaign’s items">
              {segments.map((segment) => (
                <li key={segment.id}>{segmentLabel(segment)}</li>
              ))}
            </ol>
          </details>
        ) : null}
      </div>
      <BaselineSystemsField
        rows={rows}
        onChange={onChange}
        hint="Clips another system made of the same segments: every item needs a baseline row below, its segment and a clip of each baseline."
      />
      {rows.baselines.length ? (
        <>
          {rows.segments.map((row, i) => {
            const name = `Baseline row ${i + 1}`;
            const known = segments.some((segment) => segment.id === row.segment);
            return (
              <fieldset key={i} className="stack upload-item">
                <legend className="field-label">{name}</legend>
                <div className="field">
                  <label className="field-label" htmlFor={`${base}-segment-${i}`}>
                    {`${name}: segment`}
                  </label>
                  <select
                    id={`${base}-segment-${i}`}
                    value={row.segment}
                    onChange={(event) => setRow(i, { segment: event.target.value })}
                  >
                    <option value="">{segments.length ? 'Choose a segment…' : 'No segment read yet'}</option>
                    {row.segment && !known ? (
                      <option value={row.segment}>a segment that is not among the items</option>
                    ) : null}
                    {segments.map((segment) => {
                      const other = rowOf.get(segment.id);
                      return (
                        <option key={segment.id} value={segment.id}>
                          {segmentLabel(segment)}
                          {other !== undefined && other !== i ? ` (row ${other + 1})` : ''}
                        </option>
                      );
                    })}
                  </select>
                </div>
                {rows.baselines.map((label, b) => (
                  <UploadPicker
                    key={b}
                    label={`${name}: clip of ${label || `baseline ${b + 1}`}`}
                    kind="WAV"
                    choices={choices}
                    value={row.baselines[b] ?? ''}
                    onChange={(id) =>
                      setRow(i, { baselines: row.baselines.map((clip, j) => (j === b ? id : clip)) })
                    }
                    onUploaded={onUploaded}
                    selectId={b === 0 ? `${base}-segment-${i}-clip` : undefined}
                  />
                ))}
                <button
                  type="button"
                  className="button-link"
                  aria-label={`Remove baseline row ${i + 1}`}
                  onClick={() => onChange({ ...rows, segments: rows.segments.filter((_, j) => j !== i) })}
                >
                  Remove
                </button>
              </fieldset>
            );
          })}
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              onChange({
                ...rows,
                segments: [...rows.segments, { segment: '', baselines: rows.baselines.map(() => '') }],
              });
              focus(`${base}-segment-${rows.segments.length}`);
            }}
          >
            Add a baseline row
          </button>
          {uncovered ? (
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                onChange(fillSegmentRows(rows, segments));
                focus(`${base}-segment-${rows.segments.length}-clip`);
              }}
            >
              {`Add a row for each item without one (${uncovered})`}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
