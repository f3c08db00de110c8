'use client';

import { useState } from 'react';
import { RaterAudio } from './rater-audio';
import { audioPaths } from '../lib/rater-api';
import type { RaterState } from '../lib/rater-flow';

// The steps before rating: consent, the qualification (hearing and environment checks) and the training
// anchors. Each is a form the keyboard can finish (Tab, Space, Enter); the parent talks to the API.

export function ConsentStep({ busy, onAgree }: { busy: boolean; onAgree: () => void }) {
  return (
    <section className="card stack" aria-labelledby="consent-title">
      <h1 id="consent-title">A listening test</h1>
      <p>
        You will hear short music clips, one at a time, and rate how good each sounds on a scale from 1 (bad)
        to 5 (excellent). It takes about ten minutes.
      </p>
      <ul>
        <li>Use headphones, in a quiet room, and keep the volume the same throughout.</li>
        <li>First a short hearing check, then a few example clips with their expected ratings.</li>
        <li>
          We keep your answers and a one-way hash of your network address (to spot repeated or automated
          answers); nothing else about you.
        </li>
      </ul>
      <p>At the end you get a completion code. If you reload the page, you continue where you left off.</p>
      <button type="button" onClick={onAgree} disabled={busy} autoFocus>
        {busy ? 'Starting…' : 'I agree, start'}
      </button>
    </section>
  );
}

export function QualificationStep({
  token,
  state,
  round,
  busy,
  onSubmit,
  onAudioError,
}: {
  token: string;
  state: RaterState;
  /** Bumped after a failed try: the server drew a new quieter tone, so the tones are fetched again. */
  round: number;
  busy: boolean;
  onSubmit: (hearing: number, digits: string) => void;
  onAudioError: (message: string) => void;
}) {
  const [hearing, setHearing] = useState<number | null>(null);
  const [digits, setDigits] = useState('');
  const tones = Array.from({ length: state.qualification.tones }, (_, index) => index);
  return (
    <form
      className="card stack"
      aria-labelledby="qualification-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (hearing !== null) onSubmit(hearing, digits);
      }}
    >
      <h1 id="qualification-title">Hearing check</h1>
      <p className="muted">
        {state.qualification.triesLeft} {state.qualification.triesLeft === 1 ? 'try' : 'tries'} left.
      </p>
      <fieldset className="stack">
        <legend>Play the three tones. Which one is the quietest?</legend>
        {tones.map((index) => (
          <div key={index} className="rater-choice">
            <RaterAudio
              token={token}
              path={audioPaths.tone(index)}
              round={round}
              label={`Tone ${index + 1}`}
              onError={onAudioError}
            />
            <label className="checkbox">
              <input
                type="radio"
                name="hearing"
                value={index}
                checked={hearing === index}
                onChange={() => setHearing(index)}
              />{' '}
              Tone {index + 1} is the quietest
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset className="stack">
        <legend>Play this clip: a voice reads digits over music. Type the digits you hear.</legend>
        <RaterAudio
          token={token}
          path={audioPaths.environment()}
          round={round}
          label="Digits clip"
          onError={onAudioError}
        />
        <label className="field">
          <span className="field-label">Digits</span>
          <input
            name="digits"
            inputMode="numeric"
            autoComplete="off"
            value={digits}
            onChange={(event) => setDigits(event.target.value)}
            required
          />
        </label>
      </fieldset>
      <button type="submit" disabled={busy || hearing === null || !digits.trim()}>
        {busy ? 'Checking…' : 'Continue'}
      </button>
    </form>
  );
}

export function TrainingStep({
  token,
  state,
  busy,
  onDone,
  onAudioError,
}: {
  token: string;
  state: RaterState;
  busy: boolean;
  onDone: () => void;
  onAudioError: (message: string) => void;
}) {
  return (
    <section className="card stack" aria-labelledby="training-title">
      <h1 id="training-title">Examples</h1>
      <p>
        Listen to these examples and the rating each should get, so you know what the scale means. The
        question for every clip will be: <strong>{state.question}</strong>
      </p>
      {state.training.anchors.length === 0 ? (
        <p className="muted">This study has no examples: rate each clip as you hear it.</p>
      ) : null}
      <ol className="stack">
        {state.training.anchors.map((anchor) => (
          <li key={anchor.index} className="rater-choice">
            <RaterAudio
              token={token}
              path={audioPaths.anchor(anchor.index)}
              label={`Example ${anchor.index + 1}`}
              onError={onAudioError}
            />
            <span>
              Expected rating: <strong>{anchor.expectedScore}</strong> –{' '}
              {state.labels[anchor.expectedScore - 1]}
            </span>
          </li>
        ))}
      </ol>
      <button type="button" onClick={onDone} disabled={busy} autoFocus>
        {busy ? 'Starting…' : 'Start rating'}
      </button>
    </section>
  );
}
