'use client';

import { useRef, useState } from 'react';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { OptionSelect } from '@/components/option-select';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { requestSoundtrackAction } from '../actions/soundtracks.actions';
import { asksTooLong, longestRequest } from '../lib/longest-request';
import { samplers } from '../lib/soundtrack-request';
import { LengthFix } from './length-fix';
import { MediaUploadField } from './media-upload-field';
import { SampleDancerButton } from './sample-dancer-button';
import { useMediaUpload } from './use-media-upload';
import { useRememberedSettings } from './use-remembered-settings';
import { useSampleDancer } from './use-sample-dancer';

/** What the serving model does with a field left blank (servingModel in the API). */
export interface ModelDefaults {
  maxSeconds: number;
  steps: number;
  guidance: number;
  sampler: string;
}

/** One choice of the Model select: what it sends (see model-choices) and what it is served by now. */
export interface ModelChoice {
  /** '' for the workspace default, else an alias. */
  value: string;
  label: string;
  /** name and version of the model it resolves to. */
  model: string;
  genres: string[];
  defaults: ModelDefaults;
}

// The numeric settings, each blank by default: a blank one is left to the serving model, whose value the
// placeholder shows.
function numberSettings(defaults: ModelDefaults) {
  return [
    {
      name: 'seconds',
      label: 'Seconds',
      min: 0.1,
      max: defaults.maxSeconds,
      step: 'any',
      placeholder: `The input's length, up to ${defaults.maxSeconds}`,
    },
    { name: 'seed', label: 'Seed', min: 0, step: 1, placeholder: 'Random' },
    { name: 'steps', label: 'Steps', min: 1, step: 1, placeholder: `${defaults.steps} (model default)` },
    {
      name: 'guidance',
      label: 'Guidance',
      min: 0,
      step: 'any',
      placeholder: `${defaults.guidance} (model default)`,
    },
  ] as const;
}

// Choose a file (it uploads at once), a model, a genre and, if wanted, the sampling settings. The genres and
// the defaults the placeholders show follow the chosen model; a genre picked before survives a change of
// model when the new one has it too. `nonce` was drawn when the page was rendered: with the values it makes
// the idempotency key, so a double click queues one job.
export function GenerateForm({ choices, nonce }: { choices: ModelChoice[]; nonce: string }) {
  const { action, error, values } = useFormAction(requestSoundtrackAction);
  const form = useRef<HTMLFormElement>(null);
  const [chosen, setChosen] = useState(choices[0]?.value ?? '');
  const [keptGenre, setKeptGenre] = useState<string>();
  const current = choices.find((choice) => choice.value === chosen) ?? choices[0];
  const { genres, defaults } = current;
  const chooseModel = (value: string) => {
    const genre = form.current?.elements.namedItem('genre');
    if (genre instanceof HTMLSelectElement) setKeptGenre(genre.value);
    setChosen(value);
  };
  const wantedGenre = values?.genre || keptGenre;
  const { state: upload, upload: send } = useMediaUpload();
  const media = upload.status === 'done' ? upload.media : undefined;
  const remember = useRememberedSettings(form, { genres, samplers });
  const sample = useSampleDancer(form, upload, send);
  const longest = media ? longestRequest(media.durationSeconds, defaults.maxSeconds) : undefined;
  const fillSeconds = (seconds: number) => {
    const field = form.current?.elements.namedItem('seconds');
    if (field instanceof HTMLInputElement) field.value = String(seconds);
  };
  return (
    <form
      ref={form}
      action={action}
      onSubmit={(event) => remember(event.currentTarget)}
      className="stack"
      aria-label="Generate a soundtrack"
    >
      <FormError message={error} />
      {error && longest !== undefined && asksTooLong(values?.seconds, longest) ? (
        <LengthFix longest={longest} onUse={fillSeconds} />
      ) : null}
      <SampleDancerButton phase={sample.phase} error={sample.error} onTry={sample.trySample} />
      <MediaUploadField state={upload} onFile={send} />
      <input type="hidden" name="uploadId" value={media?.id ?? ''} />
      <input type="hidden" name="uploadKind" value={media?.kind ?? ''} />
      <input type="hidden" name="nonce" value={nonce} />
      <p className="muted">Model {current.model}</p>
      <label className="field">
        <span className="field-label">Model</span>
        <select name="model" value={current.value} onChange={(event) => chooseModel(event.target.value)}>
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <OptionSelect
        key={current.value}
        label="Genre"
        name="genre"
        options={genres}
        defaultValue={wantedGenre && genres.includes(wantedGenre) ? wantedGenre : genres[0]}
      />
      <div className="field-grid">
        {numberSettings(defaults).map((setting) => (
          <Field key={setting.name} type="number" {...setting} defaultValue={values?.[setting.name]} />
        ))}
      </div>
      <OptionSelect
        label="Sampler"
        name="sampler"
        options={samplers}
        defaultValue={values?.sampler ?? ''}
        emptyLabel={`${defaults.sampler} (model default)`}
      />
      <SubmitButton pendingLabel="Queuing…" disabled={!media}>
        Generate
      </SubmitButton>
    </form>
  );
}
