'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import type { DatasetVideoFragment } from '@/graphql/generated';
import { followedVideosHref } from '../lib/followed-videos';
import { isIngestFinished } from '../lib/video-status';

const refreshMs = 2_000;

function parse<T>(event: Event): T {
  return JSON.parse((event as MessageEvent<string>).data) as T;
}

// Keeps the dataset's videos current while they ingest: one EventSource on the dataset's stream route
// follows every unfinished video (each message is the whole row, which replaces its row). The stream is
// closed once every followed video has finished, and the page rendered again so what the ingest wrote
// shows. Where no stream can be had, the page's server render is refreshed every two seconds instead.
export function useLiveVideos(datasetId: string, initial: DatasetVideoFragment[]) {
  const router = useRouter();
  const [videos, setVideos] = useState(initial);
  const [live, setLive] = useState(true);
  // A new server render (a video just added, a fallback refresh) replaces what the stream said.
  useEffect(() => setVideos(initial), [initial]);
  const href = useMemo(
    () =>
      followedVideosHref(
        datasetId,
        initial.filter((video) => !isIngestFinished(video.status)).map((video) => video.id),
      ),
    [datasetId, initial],
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
    source.addEventListener('video', (event) => {
      const next = parse<DatasetVideoFragment>(event);
      setVideos((current) => current.map((video) => (video.id === next.id ? next : video)));
      if (isIngestFinished(next.status)) pending.delete(next.id);
      if (pending.size === 0) {
        source.close();
        router.refresh();
      }
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

  return { videos, live: live && href !== null };
}
