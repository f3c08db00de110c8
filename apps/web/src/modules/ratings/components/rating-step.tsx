'use client';

import { useEffect, useRef, useState } from 'react';
import { RaterAudio } from './rater-audio';
import { audioPaths, raterApi } from '../lib/rater-api';
import { answersBestFirst, progressPercent, scoreForKey, type RaterState } from '../lib/rater-flow';

/**
 * One clip to rate (the parent keys this by the clip's handle, so everything resets per clip). The answers
 * open only once the server has seen the clip played to its end (its own clock, from the play and ended
 * events); then the five buttons or the keys 1-5 vote.
 */
export function RatingStep({
  token,
  state,
  busy,
  onVote,
  onError,
}: {
  token: string;
  state: RaterState & { clip: { id: string; position: number } };
  busy: boolean;
  onVote: (score: number) => void;
  onError: (message: string) => void;
}) {
  const clipId = state.clip.id;
  const media = useRef<HTMLMediaElement | null>(null);
  const [played, setPlayed] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const ready = played && !busy;

  useEffect(() => {
    if (!ready) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const score = scoreForKey(event.key);
      if (score === null) return;
      event.preventDefault();
      onVote(score);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ready, onVote]);

  const report = (event: 'play' | 'pause' | 'ended', seconds: number) =>
    raterApi.playback(token, clipId, event, seconds).catch((error: Error) => {
      onError(error.message);
      return { played: false };
    });

  const play = () => {
    const player = media.current;
    if (!player) return;
    player.currentTime = 0;
    void player.play();
  };

  return (
    <section className="card stack" aria-labelledby="rating-title">
      <div className="stack">
        <div
          className="rater-progress"
          role="progressbar"
          aria-label="Progress"
          aria-valuemin={0}
          aria-valuemax={state.progress.total}
          aria-valuenow={state.progress.done}
          aria-valuetext={`${state.progress.done} of ${state.progress.total} rated`}
        >
          <span style={{ width: `${progressPercent(state.progress)}%` }} />
        </div>
        <p className="muted">
          Clip {state.progress.done + 1} of {state.progress.total}
        </p>
      </div>
      <h1 id="rating-title">{state.question}</h1>
      <RaterAudio
        token={token}
        path={audioPaths.clip(clipId)}
        label="Clip to rate"
        mediaRef={media}
        onPlay={(seconds) => {
          setHint(null);
          void report('play', seconds);
        }}
        onPause={(seconds) => void report('pause', seconds)}
        onEnded={async (seconds) => {
          const answer = await report('ended', seconds);
          setPlayed(answer.played);
          if (!answer.played)
            setHint('Listen to the whole clip from the start without skipping, then rate it.');
        }}
        onError={onError}
      />
      <button type="button" className="button-secondary" onClick={play} autoFocus>
        {played ? 'Play again' : 'Play the clip'}
      </button>
      <p className="muted" role="status">
        {hint ??
          (played
            ? 'Choose a rating, or press a key from 1 to 5.'
            : 'The ratings open when the clip has played to its end.')}
      </p>
      <div className="rater-scale" role="group" aria-label="Your rating">
        {answersBestFirst(state.labels).map(({ score, label }) => (
          <button
            type="button"
            key={score}
            disabled={!ready}
            aria-keyshortcuts={String(score)}
            onClick={() => onVote(score)}
          >
            <span className="rater-score">{score}</span> {label}
          </button>
        ))}
      </div>
    </section>
  );
}
