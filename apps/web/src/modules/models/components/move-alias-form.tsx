'use client';

import { useId } from 'react';
import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { moveModelAliasAction } from '../actions/models.actions';

export interface VersionChoice {
  id: string;
  name: string;
}

// Pick an alias (one of the workspace's, or a new name typed in) and one of the shown model's versions.
// The API says what is wrong with a name or a version; its words show above the fields.
export function MoveAliasForm({
  modelName,
  versions,
  suggestions,
  versionHint = 'Choose another model below to pick among its versions.',
}: {
  modelName: string;
  versions: VersionChoice[];
  suggestions: string[];
  /** Where the other versions are, under the select; the Models page lists one model's at a time. */
  versionHint?: string;
}) {
  const { action, error, values, result } = useFormAction(moveModelAliasAction);
  const listId = useId();
  const moved = result ? versions.find((version) => version.id === result.versionId) : undefined;
  return (
    <form action={action} className="stack" aria-label="Move an alias">
      <h2>Move an alias</h2>
      <FormError message={error} />
      {result ? (
        <p className="notice notice-success" role="status">
          “{result.name}” now points at {moved?.name ?? 'the chosen version'}.
        </p>
      ) : null}
      <label className="field">
        <span className="field-label">Alias</span>
        <input
          name="name"
          list={listId}
          required
          autoComplete="off"
          spellCheck={false}
          placeholder="production"
          defaultValue={values?.name}
        />
        <span className="field-hint">One of the list, or a new lower-case name such as staging.</span>
      </label>
      <datalist id={listId}>
        {suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <label className="field">
        <span className="field-label">Version of {modelName}</span>
        <select name="versionId" required defaultValue={values?.versionId ?? versions[0]?.id} key={values?.versionId}>
          {versions.map((version) => (
            <option key={version.id} value={version.id}>
              {version.name}
            </option>
          ))}
        </select>
        <span className="field-hint">{versionHint}</span>
      </label>
      <SubmitButton pendingLabel="Moving…" disabled={versions.length === 0}>
        Move alias
      </SubmitButton>
    </form>
  );
}
