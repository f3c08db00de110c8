'use client';

import Link from 'next/link';
import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { createCampaignAction } from '../actions/ratings.actions';
import { RaterLinkReveal } from './rater-link-reveal';

export interface Choice {
  id: string;
  label: string;
}

// A campaign in a few clicks: systems from the registry's versions (plus ground truth), items from a
// frozen version's split, P.808's targets as defaults. Created as a draft; its page prepares it.
export function NewCampaignForm({
  versions,
  datasetVersions,
}: {
  versions: Choice[];
  datasetVersions: Choice[];
}) {
  const { action, error, values, result } = useFormAction(createCampaignAction);
  const ticked = new Set((values?.versions ?? '').split(',').filter(Boolean));
  return (
    <form action={action} className="stack" aria-label="New campaign">
      <h2>New campaign</h2>
      <FormError message={error} />
      {result ? (
        <RaterLinkReveal label="Campaign link" link={result.link}>
          Campaign created as a draft. Its link for raters is shown only now: copy it, then{' '}
          <Link href={`/ratings/${result.id}`}>open the campaign</Link> to prepare it.
        </RaterLinkReveal>
      ) : null}
      <label className="field">
        <span className="field-label">Name</span>
        <input name="name" required maxLength={200} defaultValue={values?.name} />
      </label>
      <label className="field">
        <span className="field-label">Question</span>
        <input
          name="question"
          placeholder="P.808: How would you rate the overall quality of this clip?"
          defaultValue={values?.question}
        />
        <span className="field-hint">Blank: P.808’s overall-quality question, answers Bad … Excellent.</span>
      </label>
      <fieldset className="stack">
        <legend className="field-label">Systems</legend>
        {versions.map((version) => {
          const value = `${version.id}|${version.label}`;
          return (
            <label key={version.id} className="checkbox">
              <input type="checkbox" name="versions" value={value} defaultChecked={ticked.has(value)} />{' '}
              {version.label}
            </label>
          );
        })}
        <label className="checkbox">
          <input
            type="checkbox"
            name="groundTruth"
            defaultChecked={values ? values.groundTruth === 'on' : true}
          />{' '}
          Ground truth (the segments’ own audio)
        </label>
      </fieldset>
      <label className="field">
        <span className="field-label">Sampler</span>
        <input name="sampler" placeholder="model card’s" defaultValue={values?.sampler} />
      </label>
      <div className="field-grid">
        <label className="field">
          <span className="field-label">Steps</span>
          <input name="steps" inputMode="numeric" placeholder="card’s" defaultValue={values?.steps} />
        </label>
        <label className="field">
          <span className="field-label">Seed</span>
          <input name="seed" inputMode="numeric" placeholder="0" defaultValue={values?.seed} />
        </label>
      </div>
      <label className="field">
        <span className="field-label">Items: dataset version (frozen)</span>
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
      <div className="field-grid">
        <label className="field">
          <span className="field-label">Split</span>
          <select name="split" defaultValue={values?.split ?? 'TEST'}>
            <option value="TEST">test</option>
            <option value="VALID">validation</option>
            <option value="TRAIN">train</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Items (at most)</span>
          <input name="limit" inputMode="numeric" placeholder="50" defaultValue={values?.limit} />
        </label>
      </div>
      <label className="field">
        <span className="field-label">Clip length (s)</span>
        <input
          name="seconds"
          inputMode="decimal"
          placeholder="whole segment"
          defaultValue={values?.seconds}
        />
        <span className="field-hint">Each segment’s first seconds; P.808 stimuli last a few seconds.</span>
      </label>
      <div className="field-grid">
        <label className="field">
          <span className="field-label">Votes per clip</span>
          <input name="votesPerClip" inputMode="numeric" defaultValue={values?.votesPerClip ?? '10'} />
        </label>
        <label className="field">
          <span className="field-label">Clips per session</span>
          <input name="clipsPerSession" inputMode="numeric" defaultValue={values?.clipsPerSession ?? '12'} />
        </label>
        <label className="field">
          <span className="field-label">Trapping clips per session</span>
          <input name="trapsPerSession" inputMode="numeric" defaultValue={values?.trapsPerSession ?? '1'} />
        </label>
      </div>
      <SubmitButton pendingLabel="Creating…" disabled={datasetVersions.length === 0}>
        Create campaign
      </SubmitButton>
    </form>
  );
}
