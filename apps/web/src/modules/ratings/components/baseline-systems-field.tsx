'use client';

import { useId } from 'react';
import { addBaseline, removeBaseline, type CampaignClipRows } from '../lib/campaign-clips';
import { useFocusAfterAdd } from './use-focus-after-add';

// The baseline systems' names (raters never see them). Adding or removing one adds or removes its clip in
// every row, of uploaded items and of a split's segments alike, so the rows always hold one clip per system.
export function BaselineSystemsField({
  rows,
  onChange,
  hint,
}: {
  rows: CampaignClipRows;
  onChange: (rows: CampaignClipRows) => void;
  hint: string;
}) {
  const base = useId();
  const focus = useFocusAfterAdd();
  return (
    <fieldset className="stack">
      <legend className="field-label">Baseline systems</legend>
      <span className="field-hint">{hint}</span>
      {rows.baselines.map((label, b) => (
        <div key={b} className="field-grid">
          <label className="field">
            <span className="field-label">{`Baseline ${b + 1}: name`}</span>
            <input
              id={`${base}-baseline-${b}`}
              value={label}
              maxLength={100}
              placeholder="e.g. the paper's baseline"
              onChange={(event) =>
                onChange({
                  ...rows,
                  baselines: rows.baselines.map((l, j) => (j === b ? event.target.value : l)),
                })
              }
            />
          </label>
          <button
            type="button"
            className="button-link"
            aria-label={`Remove baseline ${b + 1}`}
            onClick={() => onChange(removeBaseline(rows, b))}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          onChange(addBaseline(rows));
          focus(`${base}-baseline-${rows.baselines.length}`);
        }}
      >
        Add a baseline system
      </button>
    </fieldset>
  );
}
