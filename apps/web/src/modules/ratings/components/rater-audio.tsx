'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';
import { clipSource, type ClipSource } from '../lib/rater-api';

/**
 * A player for one rater clip: the bytes fetched with the session token into a blob: URL (a media element's
 * src cannot send Authorization), revoked when the clip changes; an <audio>, or a <video> when the clip is
 * one (a campaign shown with video). `onPlay`/`onEnded` get the player's position for the playback events
 * the API checks. `round` refetches the same path (a redrawn hearing check).
 */
export function RaterAudio({
  token,
  path,
  label,
  round = 0,
  mediaRef,
  onPlay,
  onPause,
  onEnded,
  onError,
}: {
  token: string;
  path: string;
  label: string;
  round?: number;
  mediaRef?: RefObject<HTMLMediaElement | null>;
  onPlay?: (seconds: number) => void;
  onPause?: (seconds: number) => void;
  onEnded?: (seconds: number) => void;
  onError?: (message: string) => void;
}) {
  const [source, setSource] = useState<ClipSource | null>(null);
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  }, [onError]);
  useEffect(() => {
    let url: string | null = null;
    let gone = false;
    clipSource(token, path).then(
      (made) => {
        if (gone) URL.revokeObjectURL(made.url);
        else {
          url = made.url;
          setSource(made);
        }
      },
      (error: Error) => {
        if (!gone) onErrorRef.current?.(error.message);
      },
    );
    return () => {
      gone = true;
      setSource(null);
      if (url) URL.revokeObjectURL(url);
    };
  }, [token, path, round]);
  if (!source) return <p className="muted">Loading the clip…</p>;
  const player = {
    ref: (element: HTMLMediaElement | null) => {
      if (mediaRef) mediaRef.current = element;
    },
    controls: true,
    controlsList: 'nodownload noplaybackrate',
    preload: 'auto',
    src: source.url,
    'aria-label': label,
    onPlay: (event: { currentTarget: HTMLMediaElement }) => onPlay?.(event.currentTarget.currentTime),
    onPause: (event: { currentTarget: HTMLMediaElement }) => {
      // A pause fires right before ended; only a real pause is reported as one.
      if (!event.currentTarget.ended) onPause?.(event.currentTarget.currentTime);
    },
    onEnded: (event: { currentTarget: HTMLMediaElement }) => onEnded?.(event.currentTarget.currentTime),
  };
  // playsInline: a phone plays the clip in the page, where the answers are, not full screen.
  return source.video ? (
    <video className="rater-audio rater-video" playsInline disablePictureInPicture {...player} />
  ) : (
    <audio className="rater-audio" {...player} />
  );
}
