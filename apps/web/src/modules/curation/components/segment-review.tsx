'use client';

import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import type { ReviewDecision, ReviewSegmentFragment, SegmentRejectReason } from '@/graphql/generated';
import { formatSeconds } from '@/lib/format/format-seconds';
import { reviewSegmentsAction } from '../actions/curation.actions';
import { reasonLabel, rejectReasons } from '../lib/reject-reasons';
import { reviewKeyAction } from '../lib/review-keys';
import { syncLevel } from '../lib/sync-cue';
import styles from './curation.module.css';
import { SegmentPlayer } from './segment-player';

const statusWords: Record<ReviewSegmentFragment['status'], string> = {
  PENDING: 'Pending',
  ACCEPTED: 'Accepted',
  REJECTED: 'Rejected',
};

function segmentTitle(segment: ReviewSegmentFragment): string {
  const end = segment.startSeconds + segment.lengthSeconds;
  return `${formatSeconds(segment.startSeconds)} – ${formatSeconds(end)}`;
}

function decisionWords(segment: ReviewSegmentFragment): string {
  if (segment.status !== 'REJECTED' || !segment.reason) return statusWords[segment.status];
  return `Rejected: ${reasonLabel(segment.reason)}${segment.note ? ` (${segment.note})` : ''}`;
}

// The review page's list and its open segment. One segment is open at a time; curators and owners decide
// on it (or on the ticked rows at once) with the buttons or the keyboard: space plays, A accepts, R then
// a number rejects with that reason (or a number, then R), J and K move. After a decision on the open
// segment the next one opens. Engineers and viewers get the same list and player with no controls.
export function SegmentReview({
  initial,
  genres,
  canDecide,
}: {
  initial: ReviewSegmentFragment[];
  genres: readonly string[];
  canDecide: boolean;
}) {
  const [segments, setSegments] = useState(initial);
  const [openIndex, setOpenIndex] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState<SegmentRejectReason | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [genre, setGenre] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const audio = useRef<HTMLAudioElement>(null);
  const noteField = useRef<HTMLTextAreaElement>(null);

  // A new server render replaces the rows; only another list (a page, other filters) starts again at the
  // top, so a refresh never moves the curator off the open segment.
  const listKey = initial.map((segment) => segment.id).join(',');
  useEffect(() => setSegments(initial), [initial]);
  useEffect(() => {
    setOpenIndex(0);
    setSelected(new Set());
  }, [listKey]);

  const open = segments[openIndex];
  // The genre select shows the open segment's genre until the curator picks another.
  useEffect(() => {
    setGenre(open?.genre ?? '');
    setReason(null);
    setRejecting(false);
    setNote('');
  }, [open?.id, open?.genre]);

  const move = useCallback(
    (step: number) =>
      setOpenIndex((index) => Math.min(Math.max(index + step, 0), Math.max(segments.length - 1, 0))),
    [segments.length],
  );

  const decide = useCallback(
    (ids: string[], decision: ReviewDecision, chosen: SegmentRejectReason | null) => {
      if (ids.length === 0 || pending) return;
      if (decision === 'REJECT' && !chosen) {
        setRejecting(true);
        setMessage({ kind: 'error', text: 'Pick a reason to reject: press its number, or choose it below.' });
        return;
      }
      if (decision === 'REJECT' && chosen === 'OTHER' && !note.trim()) {
        setReason('OTHER');
        setMessage({ kind: 'error', text: 'Say why in the note: “Other” needs one.' });
        noteField.current?.focus();
        return;
      }
      const single = ids.length === 1 && ids[0] === open?.id;
      startTransition(async () => {
        const answer = await reviewSegmentsAction({
          ids,
          decision,
          reason: decision === 'REJECT' ? chosen : null,
          note: decision === 'REJECT' && chosen === 'OTHER' ? note.trim() : null,
          // Only a genre the curator picked is sent; null leaves each segment's own (bulk included).
          genre: genre && genre !== (open?.genre ?? '') ? genre : null,
        });
        if ('error' in answer) {
          setMessage({ kind: 'error', text: answer.error });
          return;
        }
        const decided = new Map(
          answer.outcomes.flatMap((o) => (o.segment ? [[o.id, o.segment] as const] : [])),
        );
        setSegments((current) => current.map((segment) => decided.get(segment.id) ?? segment));
        const failures = answer.outcomes.filter((o) => o.error);
        const verb = decision === 'ACCEPT' ? 'Accepted' : 'Rejected';
        setMessage(
          failures.length > 0
            ? {
                kind: 'error',
                text: `${verb} ${decided.size} of ${ids.length}. ${failures.map((f) => f.error).join(' ')}`,
              }
            : {
                kind: 'success',
                text: `${verb} ${decided.size === 1 ? 'the segment' : `${decided.size} segments`}.`,
              },
        );
        setRejecting(false);
        if (!single) setSelected(new Set());
        else if (failures.length === 0) move(1);
      });
    },
    [genre, move, note, open?.id, open?.genre, pending],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const action = reviewKeyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        targetTag: target?.tagName ?? '',
        targetType: target instanceof HTMLInputElement ? target.type : undefined,
        targetEditable: target?.isContentEditable ?? false,
      });
      if (!action || !open) return;
      event.preventDefault();
      switch (action.kind) {
        case 'play-pause': {
          const player = audio.current;
          if (player) void (player.paused ? player.play().catch(() => undefined) : player.pause());
          return;
        }
        case 'next':
          return move(1);
        case 'previous':
          return move(-1);
        case 'accept':
          if (canDecide) decide([open.id], 'ACCEPT', null);
          return;
        case 'reject':
          if (canDecide) decide([open.id], 'REJECT', reason);
          return;
        case 'reason':
          if (!canDecide) return;
          setReason(action.reason);
          if (rejecting) decide([open.id], 'REJECT', action.reason);
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canDecide, decide, move, open, reason, rejecting]);

  if (segments.length === 0) {
    return <p className="muted">No segments match. Change the filters, or wait for the videos to ingest.</p>;
  }

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className={styles.review}>
      <section className="card stack" aria-label="Segments">
        {canDecide ? (
          <div className={styles.actions} aria-label="Selection">
            <span className="muted">{selected.size} selected</span>
            <button
              type="button"
              className="button-secondary"
              disabled={selected.size === 0 || pending}
              onClick={() => decide([...selected], 'ACCEPT', null)}
            >
              Accept selected
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={selected.size === 0 || pending}
              onClick={() => decide([...selected], 'REJECT', reason)}
            >
              Reject selected
            </button>
          </div>
        ) : null}
        <ol className={styles.segmentList}>
          {segments.map((segment, index) => (
            <li
              key={segment.id}
              className={styles.segmentItem}
              aria-current={index === openIndex ? 'true' : undefined}
              data-segment={segment.id}
              data-status={segment.status}
            >
              {canDecide ? (
                <input
                  type="checkbox"
                  aria-label={`Select segment ${segmentTitle(segment)}`}
                  checked={selected.has(segment.id)}
                  onChange={() => toggle(segment.id)}
                />
              ) : null}
              <button type="button" className={styles.segmentOpen} onClick={() => setOpenIndex(index)}>
                {segmentTitle(segment)} · {segment.lengthSeconds} s
                <br />
                <span className={syncLevel(segment.syncFMeasure) === 'poor' ? styles.poor : 'muted'}>
                  {decisionWords(segment)}
                  {segment.genre ? ` · ${segment.genre}` : ''}
                  {segment.flags.length > 0 ? ` · ${segment.flags.join(', ').replace(/_/g, ' ')}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ol>
      </section>
      {open ? (
        <section className="card stack" aria-label="Open segment" data-open-segment={open.id}>
          <h2>
            Segment {openIndex + 1} of {segments.length}: {segmentTitle(open)}
          </h2>
          <p role="status" data-decision={open.status}>
            {decisionWords(open)}
            {open.genre ? ` · genre ${open.genre}` : ''}
          </p>
          <SegmentPlayer key={open.id} segment={open} audio={audio} />
          <p className={styles.actions}>
            <button
              type="button"
              className="button-secondary"
              onClick={() => move(-1)}
              disabled={openIndex === 0}
            >
              ← Previous (K)
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => move(1)}
              disabled={openIndex >= segments.length - 1}
            >
              Next (J) →
            </button>
          </p>
          {message ? (
            <p
              className={`notice notice-${message.kind}`}
              role={message.kind === 'error' ? 'alert' : 'status'}
            >
              {message.text}
            </p>
          ) : null}
          {canDecide ? (
            <div className="stack" aria-label="Decision">
              <label className="field">
                <span className="field-label">Genre</span>
                <select value={genre} onChange={(event) => setGenre(event.target.value)}>
                  <option value="">No genre</option>
                  {genres.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
              <p className={styles.actions}>
                <button type="button" disabled={pending} onClick={() => decide([open.id], 'ACCEPT', null)}>
                  Accept (A)
                </button>
                <button
                  type="button"
                  className="button-danger"
                  disabled={pending}
                  onClick={() => decide([open.id], 'REJECT', reason)}
                >
                  Reject (R)
                </button>
              </p>
              <fieldset className={styles.reasons} aria-label="Reason to reject">
                {rejectReasons.map((entry, index) => (
                  <label key={entry.value}>
                    <input
                      type="radio"
                      name="reason"
                      value={entry.value}
                      checked={reason === entry.value}
                      onChange={() => setReason(entry.value)}
                    />{' '}
                    {index + 1}. {entry.label}
                  </label>
                ))}
              </fieldset>
              {reason === 'OTHER' ? (
                <label className="field">
                  <span className="field-label">Note</span>
                  <textarea
                    ref={noteField}
                    rows={2}
                    value={note}
                    onChange={(event) => setNote(event.target.value)}
                  />
                </label>
              ) : null}
              <p className="field-hint">
                Keys: space plays or pauses, A accepts, R rejects (then a number for the reason), J and K
                move.
              </p>
            </div>
          ) : (
            <p className="muted">You can watch and listen; curators and owners decide.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
