'use client';

import { useEffect, useState } from 'react';
import { isFinished } from '../lib/job-status';
import type { RouteFailure, SoundtrackJob } from '../lib/job-types';

export type Connection = 'live' | 'polling' | 'stopped';

const pollMs = 2_000;

function parse<T>(event: Event): T {
  return JSON.parse((event as MessageEvent<string>).data) as T;
}

// Follows a job until it finishes. Live first: an EventSource on the console's SSE route, which relays the
// API's subscription (each message is the whole job). EventSource reconnects by itself after a dropped
// connection, and the subscription starts with the job as it is, so nothing is missed. Only when the
// stream cannot be had at all (the browser gave up: an HTTP error, a proxy that refuses streams) does it
// fall back to asking the same route for JSON every two seconds.
export function useJobUpdates<Job extends SoundtrackJob>(initial: Job) {
  const [job, setJob] = useState<Job>(initial);
  const [failure, setFailure] = useState<RouteFailure | null>(null);
  const [connection, setConnection] = useState<Connection>(isFinished(initial.status) ? 'stopped' : 'live');
  const url = `/soundtracks/${initial.id}/events`;
  const startedFinished = isFinished(initial.status);

  useEffect(() => {
    if (startedFinished) return;
    const source = new EventSource(url);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = (reason?: RouteFailure) => {
      stopped = true;
      source.close();
      clearTimeout(timer);
      if (reason) setFailure(reason);
      setConnection('stopped');
    };
    const take = (next: Job) => {
      setJob(next);
      if (isFinished(next.status)) stop();
    };
    const poll = async () => {
      try {
        const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
        const body = (await response.json()) as { job?: Job; error?: RouteFailure };
        if (stopped) return;
        if (body.job) take(body.job);
        else if (body.error) return stop(body.error);
      } catch {
        // A missed poll is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(poll, pollMs);
    };

    source.addEventListener('job', (event) => take(parse<Job>(event)));
    source.addEventListener('failure', (event) => stop(parse<RouteFailure>(event)));
    source.addEventListener('error', () => {
      if (stopped || source.readyState !== EventSource.CLOSED) return;
      setConnection('polling');
      void poll();
    });
    return () => {
      stopped = true;
      source.close();
      clearTimeout(timer);
    };
  }, [url, startedFinished]);

  return { job, failure, connection };
}
