'use client';

import { useId } from 'react';
import type { UploadedMedia } from '@/modules/soundtracks/lib/job-types';
import {
  emptyItemRow,
  type CampaignClipRows,
  type UploadChoice,
  type UploadItemRow,
} from '../lib/campaign-clips';
import { BaselineSystemsField } from './baseline-systems-field';
import { UploadPicker, type PickedKind } from './upload-picker';
import { useFocusAfterAdd } from './use-focus-after-add';

export interface UploadChoices {
  WAV: UploadChoice[];
  POSES: UploadChoice[];
  VIDEO: UploadChoice[];
}

// Items made of uploads, one row each: its pose track (what model versions generate from) and genre, its
// own audio (ground truth), its video (shown under audio with video), its length, and a clip for each
// baseline system, so a baseline's clips match the items one to one. Baseline systems are named here too.
export function UploadItemsField({
  rows,
  onChange,
  choices,
  genres,
  onUploaded,
}: {
  rows: CampaignClipRows;
  onChange: (rows: CampaignClipRows) => void;
  choices: UploadChoices;
  genres: string[];
  onUploaded: (kind: PickedKind, media: UploadedMedia) => void;
}) {
  const base = useId();
  const focus = useFocusAfterAdd();
  const setItem = (i: number, change: Partial<UploadItemRow>) =>
    onChange({ ...rows, items: rows.items.map((row, j) => (j === i ? { ...row, ...change } : row)) });
  // A pose track or video that knows its length gives the item its length, unless one was typed.
  const pickTimed = (i: number, key: 'poses' | 'video', id: string, list: UploadChoice[]) => {
    const seconds = list.find((c) => c.id === id)?.seconds;
    const row = rows.items[i];
    setItem(i, {
      [key]: id,
      ...(!row.seconds && seconds ? { seconds: String(Number(seconds.toFixed(2))) } : {}),
    });
  };
  const picker = (i: number, key: 'poses' | 'audio' | 'video', kind: PickedKind, label: string) => (
    <UploadPicker
      label={`Item ${i + 1}: ${label}`}
      kind={kind}
      choices={choices[kind]}
      value={rows.items[i][key]}
      onChange={(id) => (key === 'audio' ? setItem(i, { audio: id }) : pickTimed(i, key, id, choices[kind]))}
      onUploaded={onUploaded}
      selectId={key === 'poses' ? `${base}-item-${i}` : undefined}
    />
  );
  return (
    <div className="stack">
      <BaselineSystemsField
        rows={rows}
        onChange={onChange}
        hint="Clips another system made of the same items, one per item: each item below gets a clip for each."
      />
      {rows.items.map((item, i) => (
        <fieldset key={i} className="stack upload-item">
          <legend className="field-label">{`Item ${i + 1}`}</legend>
          {picker(i, 'poses', 'POSES', 'pose track')}
          <label className="field">
            <span className="field-label">{`Item ${i + 1}: genre`}</span>
            <input
              list={`${base}-genres`}
              value={item.genre}
              onChange={(event) => setItem(i, { genre: event.target.value })}
            />
          </label>
          {picker(i, 'audio', 'WAV', 'audio (ground truth)')}
          {picker(i, 'video', 'VIDEO', 'video')}
          <label className="field">
            <span className="field-label">{`Item ${i + 1}: length (s)`}</span>
            <input
              inputMode="decimal"
              value={item.seconds}
              onChange={(event) => setItem(i, { seconds: event.target.value })}
            />
          </label>
          {rows.baselines.map((label, b) => (
            <UploadPicker
              key={b}
              label={`Item ${i + 1}: clip of ${label || `baseline ${b + 1}`}`}
              kind="WAV"
              choices={choices.WAV}
              value={item.baselines[b] ?? ''}
              onChange={(id) => setItem(i, { baselines: item.baselines.map((c, j) => (j === b ? id : c)) })}
              onUploaded={onUploaded}
            />
          ))}
          <button
            type="button"
            className="button-link"
            aria-label={`Remove item ${i + 1}`}
            onClick={() => onChange({ ...rows, items: rows.items.filter((_, j) => j !== i) })}
          >
            Remove
          </button>
        </fieldset>
      ))}
      <datalist id={`${base}-genres`}>
        {genres.map((genre) => (
          <option key={genre} value={genre} />
        ))}
      </datalist>
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          onChange({ ...rows, items: [...rows.items, emptyItemRow(rows.baselines.length)] });
          focus(`${base}-item-${rows.items.length}`);
        }}
      >
        Add an item
      </button>
    </div>
  );
}
