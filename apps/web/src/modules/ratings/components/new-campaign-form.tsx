'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import type { UploadedMedia } from '@/modules/soundtracks/lib/job-types';
import { createCampaignAction } from '../actions/ratings.actions';
import { EMPTY_CLIP_ROWS, splitItemCount, uploadChoice, type CampaignClipRows } from '../lib/campaign-clips';
import { DatasetBaselinesField } from './dataset-baselines-field';
import { RaterLinkReveal } from './rater-link-reveal';
import { ScoredClipsField } from './scored-clips-field';
import { UploadItemsField, type UploadChoices } from './upload-items-field';
import type { PickedKind } from './upload-picker';
import { useItemSegments } from './use-item-segments';

const ITEM_SOURCES = [
  { source: 'DATASET', text: 'A frozen dataset version’s split, with baselines' },
  { source: 'UPLOADS', text: 'Uploaded items (pose tracks, WAVs, videos), with baselines' },
] as const;

export interface Choice {
  id: string;
  label: string;
}

// A campaign in a few clicks: systems from the registry's versions (plus ground truth, plus baselines of
// uploaded clips, matched to uploaded items or to a split's segments), items from a frozen version's split
// (listed as they will be taken) or from uploads, audio only (P.808) or audio with its video, gold and
// training clips picked from the workspace's uploads or uploaded here, P.808's targets as defaults. The row
// lists live in this component's state and go to the action as one JSON field. Created as a draft; its
// page prepares it.
export function NewCampaignForm({
  versions,
  datasetVersions,
  uploads,
  genres,
}: {
  versions: Choice[];
  datasetVersions: Choice[];
  uploads: UploadChoices;
  genres: string[];
}) {
  const { action, pending, error, values, result } = useFormAction(createCampaignAction);
  const round = useSubmissionRound(pending);
  const ticked = new Set((values?.versions ?? '').split(',').filter(Boolean));
  const [itemSource, setItemSource] = useState<'DATASET' | 'UPLOADS'>(
    datasetVersions.length ? 'DATASET' : 'UPLOADS',
  );
  const [presentation, setPresentation] = useState<'AUDIO' | 'AUDIO_VIDEO'>('AUDIO');
  const [rows, setRows] = useState<CampaignClipRows>(EMPTY_CLIP_ROWS);
  const [datasetVersionId, setDatasetVersionId] = useState(
    values?.datasetVersionId ?? datasetVersions[0]?.id ?? '',
  );
  const [split, setSplit] = useState(values?.split ?? 'TEST');
  const [limit, setLimit] = useState(values?.limit ?? '');
  const items = useItemSegments(datasetVersionId, split, splitItemCount(limit), itemSource === 'DATASET');
  const [choices, setChoices] = useState<UploadChoices>(uploads);
  const uploaded = (kind: PickedKind, media: UploadedMedia) =>
    setChoices((current) => ({
      ...current,
      [kind]: [uploadChoice(media, 'uploaded just now'), ...current[kind].filter((c) => c.id !== media.id)],
    }));
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
      {/* What this component's state decides goes up in hidden fields: React resets a form's visible
          controls after its action runs, which would put a controlled select or radio back to its default
          while the state (and what the form shows) stays. */}
      <input type="hidden" name="clips" value={JSON.stringify(rows)} />
      <input type="hidden" name="presentation" value={presentation} />
      <input type="hidden" name="itemSource" value={itemSource} />
      <input type="hidden" name="datasetVersionId" value={datasetVersionId} />
      <input type="hidden" name="split" value={split} />
      <input type="hidden" name="limit" value={limit} />
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
      <label className="field">
        <span className="field-label">Presentation</span>
        <select
          key={`presentation-${round}`}
          value={presentation}
          onChange={(event) => setPresentation(event.target.value as 'AUDIO' | 'AUDIO_VIDEO')}
        >
          <option value="AUDIO">Audio only (P.808, as in the paper)</option>
          <option value="AUDIO_VIDEO">Audio with the item’s video</option>
        </select>
        <span className="field-hint">
          With video, every clip a rater rates plays on its item’s video; every item needs one (a segment
          imported without its video cannot be shown).
        </span>
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
          Ground truth (the items’ own audio)
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
      <fieldset className="stack" key={`items-${round}`}>
        <legend className="field-label">Items</legend>
        {ITEM_SOURCES.map(({ source, text }) => (
          <label key={source} className="checkbox">
            <input
              type="radio"
              name="itemSourceChoice"
              value={source}
              checked={itemSource === source}
              onChange={() => setItemSource(source)}
            />{' '}
            {text}
          </label>
        ))}
      </fieldset>
      {itemSource === 'DATASET' ? (
        <>
          <label className="field">
            <span className="field-label">Items: dataset version (frozen)</span>
            <select
              key={`version-${round}`}
              value={datasetVersionId}
              onChange={(event) => setDatasetVersionId(event.target.value)}
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
              <select key={`split-${round}`} value={split} onChange={(event) => setSplit(event.target.value)}>
                <option value="TEST">test</option>
                <option value="VALID">validation</option>
                <option value="TRAIN">train</option>
              </select>
            </label>
            <label className="field">
              <span className="field-label">Items (at most)</span>
              <input
                key={`limit-${round}`}
                inputMode="numeric"
                placeholder="50"
                value={limit}
                onChange={(event) => setLimit(event.target.value)}
              />
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
            <span className="field-hint">
              Each segment’s first seconds; P.808 stimuli last a few seconds.
            </span>
          </label>
          <DatasetBaselinesField
            rows={rows}
            onChange={setRows}
            items={items}
            choices={choices.WAV}
            onUploaded={uploaded}
          />
        </>
      ) : (
        <UploadItemsField
          rows={rows}
          onChange={setRows}
          choices={choices}
          genres={genres}
          onUploaded={uploaded}
        />
      )}
      <ScoredClipsField
        title="Gold clips"
        what="Gold clip"
        hint="Clips of known quality: a rater more than 1 away from the expected score is excluded."
        rows={rows.gold}
        onChange={(gold) => setRows({ ...rows, gold })}
        choices={choices.WAV}
        onUploaded={uploaded}
      />
      <ScoredClipsField
        title="Training clips"
        what="Training clip"
        hint="Shown with their expected score before rating; P.808 uses two or three across the scale."
        rows={rows.anchors}
        onChange={(anchors) => setRows({ ...rows, anchors })}
        choices={choices.WAV}
        onUploaded={uploaded}
      />
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
        <label className="field">
          <span className="field-label">Gold clips per session</span>
          <input
            name="goldPerSession"
            inputMode="numeric"
            placeholder="1 with gold clips"
            defaultValue={values?.goldPerSession}
          />
        </label>
      </div>
      <SubmitButton pendingLabel="Creating…">Create campaign</SubmitButton>
    </form>
  );
}

/**
 * Counts the form's submissions, each once its action has answered. React resets a form's visible
 * controls after its action, so the controlled ones are keyed by this to be drawn again from the state.
 */
function useSubmissionRound(pending: boolean): number {
  const [round, setRound] = useState(0);
  const wasPending = useRef(false);
  useEffect(() => {
    if (wasPending.current && !pending) setRound((n) => n + 1);
    wasPending.current = pending;
  }, [pending]);
  return round;
}
