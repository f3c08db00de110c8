'use client';

import { useCallback, useEffect, useState } from 'react';
import { SecretReveal } from '@/components/secret-reveal';
import { raterApi } from '../lib/rater-api';
import { endsSession, RaterApiError, stepOf, type RaterState } from '../lib/rater-flow';
import { forgetSession, storedSession, storeSession } from '../lib/session-store';
import { RatingStep } from './rating-step';
import { ConsentStep, QualificationStep, TrainingStep } from './rater-steps';

type Phase =
  | { kind: 'loading' }
  | { kind: 'consent'; token: string | null }
  | { kind: 'session'; token: string; state: RaterState };

/**
 * A rater's whole visit on one page: consent, qualification, training, rating, the completion code. The
 * session token lives in this browser (localStorage), and every step starts from the API's state, so a
 * reload lands on the same step. Refusals show as the API words them, above the step.
 */
export function RaterApp({ link }: { link: string }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);

  const fail = useCallback(
    (caught: unknown) => {
      const error =
        caught instanceof RaterApiError ? caught : new RaterApiError('UNAVAILABLE', String(caught), 0);
      if (endsSession(error)) forgetSession(link);
      setError(error.message);
    },
    [link],
  );

  useEffect(() => {
    const token = storedSession(link);
    if (!token) {
      setPhase({ kind: 'consent', token: null });
      return;
    }
    raterApi.state(token).then(
      (state) => setPhase({ kind: 'session', token, state }),
      (caught: unknown) => {
        // A session this browser no longer has (or never had here): start again from the consent.
        if (caught instanceof RaterApiError && endsSession(caught)) {
          forgetSession(link);
          setPhase({ kind: 'consent', token: null });
        } else fail(caught);
      },
    );
  }, [link, fail]);

  /** Runs one API step; its answer (a new state) replaces the page's. */
  const step = useCallback(
    async (token: string, work: () => Promise<RaterState>) => {
      setBusy(true);
      setError(null);
      try {
        setPhase({ kind: 'session', token, state: await work() });
      } catch (caught) {
        fail(caught);
        if (caught instanceof RaterApiError && caught.code === 'QUALIFICATION_FAILED') setRound((r) => r + 1);
        // The state may have moved (a closed campaign, a redrawn check): show what the server has now.
        const state = await raterApi.state(token).catch(() => null);
        if (state) setPhase({ kind: 'session', token, state });
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );

  const agree = async (existing: string | null) => {
    setBusy(true);
    setError(null);
    let token = existing;
    try {
      if (!token) {
        token = (await raterApi.start(link)).sessionToken;
        storeSession(link, token);
      }
    } catch (caught) {
      fail(caught);
      setBusy(false);
      return;
    }
    setBusy(false);
    const started = token;
    await step(started, () => raterApi.consent(started));
  };

  const vote = useCallback(
    (token: string, clipId: string, score: number) =>
      void step(token, () => raterApi.vote(token, clipId, score)),
    [step],
  );

  return (
    <div className="rater stack">
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <RaterStepView
        phase={phase}
        busy={busy}
        round={round}
        onAgree={agree}
        step={step}
        vote={vote}
        onError={setError}
      />
    </div>
  );
}

function RaterStepView({
  phase,
  busy,
  round,
  onAgree,
  step,
  vote,
  onError,
}: {
  phase: Phase;
  busy: boolean;
  round: number;
  onAgree: (token: string | null) => void;
  step: (token: string, work: () => Promise<RaterState>) => Promise<void>;
  vote: (token: string, clipId: string, score: number) => void;
  onError: (message: string) => void;
}) {
  if (phase.kind === 'loading') return <p className="muted">Loading…</p>;
  if (phase.kind === 'consent') return <ConsentStep busy={busy} onAgree={() => onAgree(phase.token)} />;
  const { token, state } = phase;
  switch (stepOf(state)) {
    case 'consent':
      return <ConsentStep busy={busy} onAgree={() => onAgree(token)} />;
    case 'qualification':
      return (
        <QualificationStep
          token={token}
          state={state}
          round={round}
          busy={busy}
          onSubmit={(hearing, digits) => void step(token, () => raterApi.qualify(token, hearing, digits))}
          onAudioError={onError}
        />
      );
    case 'turned-away':
      return (
        <section className="card stack">
          <h1>Thank you</h1>
          <p>
            The hearing check did not succeed, so this study cannot continue on this device. Thank you for
            your time.
          </p>
        </section>
      );
    case 'training':
      return (
        <TrainingStep
          token={token}
          state={state}
          busy={busy}
          onDone={() => void step(token, () => raterApi.finishTraining(token))}
          onAudioError={onError}
        />
      );
    case 'rating': {
      const clip = state.clip!;
      return (
        <RatingStep
          key={clip.id}
          token={token}
          state={{ ...state, clip }}
          busy={busy}
          onVote={(score) => vote(token, clip.id, score)}
          onError={onError}
        />
      );
    }
    case 'closed':
      return (
        <section className="card stack">
          <h1>This study is closed</h1>
          <p>It no longer takes ratings. Thank you for your time.</p>
        </section>
      );
    case 'done':
      return (
        <section className="card stack" aria-labelledby="done-title">
          <h1 id="done-title">Thank you!</h1>
          {state.completionCode ? (
            <SecretReveal label="Completion code" value={state.completionCode}>
              Your completion code: copy it into the page that sent you here.
            </SecretReveal>
          ) : (
            <p className="muted">Your ratings are saved; reload the page for your completion code.</p>
          )}
        </section>
      );
  }
}
