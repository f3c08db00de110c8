'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { followedJobsHref } from '../lib/followed-job-ids';
import { isFinished } from '../lib/job-status';
import type { SoundtrackJob } from '../lib/job-types';

const refreshMs = 3_000;

function parse<T>(event: Event): T {
  return JSON.parse((event as MessageEvent<string>).data) as T;
}

// Keeps a page of jobs current: one EventSource on the list's stream route follows every unfinished row
// (each message is a whole job, which replaces its row). The stream is closed here once every followed
// row has finished, since EventSource would otherwise reconnect to a stream with nothing left to say.
// Where no stream can be had, the page's server render is refreshed every few seconds instead.
export function useLiveJobs(initial: SoundtrackJob[]) {
  const router = useRouter();
  const [jobs, setJobs] = useState(initial);
  const [live, setLive] = useState(true);
  // A new server render (paging, a status filter, a fallback refresh) replaces what the stream said.
  useEffect(() => setJobs(initial), [initial]);
  const href = useMemo(
    () => followedJobsHref(initial.filter((job) => !isFinished(job.status)).map((job) => job.id)),
    [initial],
  );

  useEffect(() => {
    if (!href) return;
    const pending = new Set(new URL(href, window.location.href).searchParams.getAll('id'));
    const source = new EventSource(href);
    let refresher: ReturnType<typeof setInterval> | undefined;
    const fallBack = () => {
      source.close();
      setLive(false);
      refresher ??= setInterval(() => router.refresh(), refreshMs);
    };
    source.addEventListener('job', (event) => {
      const next = parse<SoundtrackJob>(event);
      setJobs((current) => current.map((job) => (job.id === next.id ? next : job)));
      if (isFinished(next.status)) pending.delete(next.id);
      if (pending.size === 0) source.close();
    });
    source.addEventListener('failure', fallBack);
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) fallBack();
    });
    return () => {
      source.close();
      clearInterval(refresher);
    };
  }, [href, router]);

  return { jobs, live: live && href !== null };
}
