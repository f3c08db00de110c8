'use client';

import Link from 'next/link';
import { useEffect, useState, useTransition } from 'react';
import type { TrainingRunQuery } from '@/graphql/generated';
import { cancelTrainingRunAction, pollTrainingRunAction } from '../actions/training.actions';
import { formatDuration, isFinished, mergePoints } from '../lib/run-progress';
import { LossChart } from './loss-chart';

type Run = TrainingRunQuery['trainingRun'];

/** How often the page asks for new points while the run is not finished. */
const POLL_MS = 1000;

// The run page's live part: status, progress, elapsed and ETA, the curves, the log's tail and Cancel. It
// polls the API (points after the last step it has) until the run ends.
export function LiveRun({ initial, canCancel }: { initial: Run; canCancel: boolean }) {
  const [run, setRun] = useState(initial);
  const [points, setPoints] = useState(initial.points);
  const [error, setError] = useState<string>();
  const [cancelling, startCancel] = useTransition();
  const finished = isFinished(run.status);

  useEffect(() => {
    if (finished) return;
    let stopped = false;
    let last = points.reduce((max, p) => Math.max(max, p.step), -1);
    const tick = async () => {
      const polled = await pollTrainingRunAction(run.id, last);
      if (stopped) return;
      if (polled.error) setError(polled.error);
      if (polled.run) {
        const fresh = polled.run;
        setRun(fresh);
        setPoints((held) => mergePoints(held, fresh.points));
        last = fresh.points.reduce((max, p) => Math.max(max, p.step), last);
        if (isFinished(fresh.status)) return;
      }
      setTimeout(() => void tick(), POLL_MS);
    };
    const first = setTimeout(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(first);
    };
    // Polling starts once per page; its own state carries it on.
  }, [run.id, finished]);

  const cancel = () =>
    startCancel(async () => {
      const answer = await cancelTrainingRunAction(run.id);
      if (answer.error) setError(answer.error);
      else
        setRun(
          (current) =>
            ({ ...current, status: current.status === 'QUEUED' ? 'CANCELLED' : 'CANCELLING' }) as Run,
        );
    });

  return (
    <div className="stack">
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <dl className="details" aria-label="Run">
        <Fact term="Status">
          <span data-testid="run-status">{run.status}</span>
        </Fact>
        <Fact term="Step">
          {run.lastStep} of {run.steps}
          {run.checkpointStep !== null && run.checkpointStep !== undefined
            ? ` (checkpoint at ${run.checkpointStep})`
            : ''}
        </Fact>
        <Fact term="Elapsed">{formatDuration(run.elapsedSeconds)}</Fact>
        <Fact term="ETA">{finished ? '—' : formatDuration(run.etaSeconds)}</Fact>
        {run.modelVersion ? (
          <Fact term="Model version">
            <Link href={`/models?model=${run.modelVersion.modelId}`} data-testid="run-model-version">
              {run.modelVersion.modelName} #{run.modelVersion.number} ({run.modelVersion.label})
            </Link>
          </Fact>
        ) : null}
      </dl>
      {run.errorMessage ? (
        <pre className="notice notice-error" aria-label="Why it failed" style={{ whiteSpace: 'pre-wrap' }}>
          {run.errorMessage}
        </pre>
      ) : null}
      {canCancel && !finished && run.status !== 'CANCELLING' ? (
        <div>
          <button type="button" className="button-danger" onClick={cancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        </div>
      ) : null}
      <section className="card stack">
        <h2>Loss</h2>
        <LossChart points={points} />
      </section>
      <section className="card stack">
        <h2>Parameters</h2>
        <dl className="details" aria-label="Parameters">
          <Fact term="Config">{run.config.toLowerCase()}</Fact>
          <Fact term="Backend">{run.backend}</Fact>
          <Fact term="Dataset version">
            <Link href={`/dataset-versions/${run.datasetVersionId}`}>{run.datasetVersionId}</Link>
          </Fact>
          <Fact term="Model">{run.modelName}</Fact>
          {run.overrides.map((o) => (
            <Fact key={o.key} term={o.key}>
              <code>{o.value}</code>
            </Fact>
          ))}
        </dl>
      </section>
      <section className="card stack">
        <h2>Log</h2>
        <pre
          aria-label="Log tail"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: '20rem', overflow: 'auto' }}
        >
          {run.logTail.length ? run.logTail.join('\n') : 'Nothing logged yet.'}
        </pre>
      </section>
    </div>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
