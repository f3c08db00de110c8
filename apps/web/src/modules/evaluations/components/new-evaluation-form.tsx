'use client';

import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { startEvaluationAction } from '../actions/evaluations.actions';

export interface Choice {
  id: string;
  label: string;
}

// Versions to compare (ticked), a frozen dataset version and its split, and the sampler settings; blank
// settings take the first version's card. The API checks the rest (genres, quota) and its words show here.
export function NewEvaluationForm({
  versions,
  datasetVersions,
}: {
  versions: Choice[];
  datasetVersions: Choice[];
}) {
  const { action, error, values } = useFormAction(startEvaluationAction);
  const ticked = new Set((values?.modelVersionIds ?? '').split(',').filter(Boolean));
  return (
    <form action={action} className="stack" aria-label="New evaluation">
      <h2>New evaluation</h2>
      <FormError message={error} />
      <fieldset className="stack">
        <legend className="field-label">Model versions</legend>
        {versions.map((version) => (
          <label key={version.id} className="checkbox">
            <input
              type="checkbox"
              name="modelVersionIds"
              value={version.id}
              defaultChecked={ticked.has(version.id)}
            />{' '}
            {version.label}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field-label">Dataset version (frozen)</span>
        <select
          name="datasetVersionId"
          required
          defaultValue={values?.datasetVersionId ?? datasetVersions[0]?.id}
        >
          {datasetVersions.map((version) => (
            <option key={version.id} value={version.id}>
              {version.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Split</span>
        <select name="split" defaultValue={values?.split ?? 'TEST'}>
          <option value="TEST">test</option>
          <option value="VALID">validation</option>
          <option value="TRAIN">train</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">Sampler</span>
        <input name="sampler" placeholder="dpmpp-2m" defaultValue={values?.sampler ?? 'dpmpp-2m'} />
      </label>
      <label className="field">
        <span className="field-label">Steps</span>
        <input name="steps" inputMode="numeric" placeholder="20" defaultValue={values?.steps ?? '20'} />
      </label>
      <label className="field">
        <span className="field-label">Guidance</span>
        <input
          name="guidance"
          inputMode="decimal"
          placeholder="card default"
          defaultValue={values?.guidance}
        />
      </label>
      <label className="field">
        <span className="field-label">Seeds</span>
        <input name="seeds" placeholder="0" defaultValue={values?.seeds ?? '0'} />
        <span className="field-hint">One sample per seed, segment and version; comma-separated.</span>
      </label>
      <SubmitButton pendingLabel="Starting…" disabled={versions.length === 0 || datasetVersions.length === 0}>
        Start evaluation
      </SubmitButton>
    </form>
  );
}
