'use client';

import { EnumSelect } from '@/components/enum-select';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import type { DatasetSplitBy } from '@/graphql/generated';
import { freezeVersionAction } from '../actions/curation.actions';
import { freezeDefaults } from '../lib/freeze-input';

const splitByLabels: Record<DatasetSplitBy, string> = {
  VIDEO: 'By source video (no video in two splits)',
  SEGMENT: 'By segment (the paper’s random split)',
  SOURCE: 'By source split (the authors’ train/test lists of imported segments; shares ignored)',
};

const splitBys = Object.keys(splitByLabels);

// Freezes the accepted segments into the next version: a seeded split, 90/5/5 by video unless changed.
export function FreezeForm({ datasetId }: { datasetId: string }) {
  const { action, error, values, result } = useFormAction(freezeVersionAction.bind(null, datasetId));
  const shown = { ...freezeDefaults, ...values };
  return (
    <form action={action} className="stack" aria-label="Freeze a version">
      <h2>Freeze a version</h2>
      <p className="muted">Takes every accepted segment as it is now. A frozen version never changes.</p>
      <FormError message={error} />
      {result ? (
        <p className="notice notice-success" role="status">
          Froze version {result.number}.
        </p>
      ) : null}
      <Field
        label="Split seed"
        name="splitSeed"
        inputMode="numeric"
        required
        defaultValue={shown.splitSeed}
      />
      <EnumSelect
        label="Split by"
        name="splitBy"
        labels={splitByLabels}
        defaultValue={(splitBys.includes(shown.splitBy) ? shown.splitBy : 'VIDEO') as DatasetSplitBy}
      />
      <div className="field-grid">
        <Field label="Train %" name="train" inputMode="decimal" required defaultValue={shown.train} />
        <Field label="Validation %" name="valid" inputMode="decimal" required defaultValue={shown.valid} />
        <Field label="Test %" name="test" inputMode="decimal" required defaultValue={shown.test} />
      </div>
      <SubmitButton pendingLabel="Freezing…">Freeze version</SubmitButton>
    </form>
  );
}
