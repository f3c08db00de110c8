'use client';

import { useEffect, useState } from 'react';
import { FormError } from '@/components/form-error';
import type { EvaluationFieldsFragment } from '@/graphql/generated';

const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
const pollMs = 2_000;

// An evaluation's progress as the worker writes samples: live over the console's Server-Sent Events route
// (which relays evaluationUpdated), falling back to asking the same route for JSON every 2 s when a stream
// cannot be held open, as the job page does.
export function LiveEvaluation({ initial }: { initial: EvaluationFieldsFragment }) {
  const [run, setRun] = useState(initial);
  const [failure, setFailure] = useState<string | null>(null);
  const url = `/evaluations/${initial.id}/events`;
  const startedFinished = FINISHED.includes(initial.status);

  useEffect(() => {
    if (startedFinished) return;
    const source = new EventSource(url);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      stopped = true;
      source.close();
      clearTimeout(timer);
    };
    const take = (next: EvaluationFieldsFragment) => {
      setRun(next);
      if (FINISHED.includes(next.status)) {
        stop();
        // The summaries and the compare link come with the page: render it anew once the run has ended.
        window.location.reload();
      }
    };
    const poll = async () => {
      try {
        const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
        const body = (await response.json()) as {
          evaluation?: EvaluationFieldsFragment;
          error?: { message: string };
        };
        if (stopped) return;
        if (body.evaluation) take(body.evaluation);
        else if (body.error) return void (setFailure(body.error.message), stop());
      } catch {
        // Tried again on the next tick.
      }
      if (!stopped) timer = setTimeout(poll, pollMs);
    };
    source.addEventListener('evaluation', (event) =>
      take(JSON.parse((event as MessageEvent<string>).data) as EvaluationFieldsFragment),
    );
    source.addEventListener('failure', (event) => {
      setFailure((JSON.parse((event as MessageEvent<string>).data) as { message: string }).message);
      stop();
    });
    source.addEventListener('error', () => {
      if (!stopped && source.readyState === EventSource.CLOSED) void poll();
    });
    return stop;
  }, [url, startedFinished]);

  const percent = Math.round(run.progress * 100);
  return (
    <div className="stack" aria-label="Progress">
      <p role="status" data-status={run.status}>
        {run.status} — {run.doneSamples} of {run.totalSamples} samples
      </p>
      <progress max={run.totalSamples} value={run.doneSamples} aria-label={`${percent}% of the samples`} />
      {run.errorMessage ? <FormError message={`${run.errorCode}: ${run.errorMessage}`} /> : null}
      <FormError message={failure ? `Live updates stopped: ${failure}` : undefined} />
    </div>
  );
}
