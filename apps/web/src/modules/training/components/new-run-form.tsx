'use client';

import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { startTrainingRunAction } from '../actions/training.actions';

// Start a run on a frozen dataset version (given, or typed in); the API refuses what cannot train in its
// own words, shown above the fields. Overrides are the trainer's dotted config keys, one a line.
export function NewRunForm({ datasetVersionId }: { datasetVersionId?: string }) {
  const { action, error, values } = useFormAction(startTrainingRunAction);
  return (
    <form action={action} className="stack form-card" aria-label="New run">
      <h2>New run</h2>
      <FormError message={error} />
      <label className="field">
        <span className="field-label">Dataset version</span>
        <input
          name="datasetVersionId"
          required
          autoComplete="off"
          spellCheck={false}
          defaultValue={values?.datasetVersionId ?? datasetVersionId}
        />
        <span className="field-hint">The id of a frozen version (on its dataset’s page).</span>
      </label>
      <div className="field-grid">
        <label className="field">
          <span className="field-label">Config</span>
          <select name="config" defaultValue={values?.config ?? 'TINY'}>
            <option value="TINY">tiny</option>
            <option value="PAPER">paper</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Steps</span>
          <input name="steps" inputMode="numeric" required defaultValue={values?.steps ?? '20'} />
        </label>
        <label className="field">
          <span className="field-label">Backend</span>
          <select name="backend" defaultValue={values?.backend ?? 'LOCAL'}>
            <option value="LOCAL">local (a worker)</option>
            <option value="KUBERNETES">Kubernetes (GPU cluster)</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Model name</span>
          <input name="modelName" placeholder="trained" autoComplete="off" defaultValue={values?.modelName} />
        </label>
      </div>
      <label className="field">
        <span className="field-label">Overrides</span>
        <textarea
          name="overrides"
          rows={4}
          spellCheck={false}
          placeholder={'train.batch_size=2\ntrain.crop_samples=8192'}
          defaultValue={values?.overrides}
        />
        <span className="field-hint">One key=value a line, keys of the trainer’s config.</span>
      </label>
      <div>
        <SubmitButton pendingLabel="Starting…">Start run</SubmitButton>
      </div>
    </form>
  );
}
