'use client';

import { useEffect, useRef, useState, type Ref } from 'react';
import { audioUrl } from '../lib/rater-api';

/**
 * A player for one rater clip: the bytes fetched with the session token into a blob: URL (an <audio src>
 * cannot send Authorization), revoked when the clip changes. `onPlay`/`onEnded` get the player's position
 * for the playback events the API checks. `round` refetches the same path (a redrawn hearing check).
 */
export function RaterAudio({
  token,
  path,
  label,
  round = 0,
  audioRef,
  onPlay,
  onPause,
  onEnded,
  onError,
}: {
  token: string;
  path: string;
  label: string;
  round?: number;
  audioRef?: Ref<HTMLAudioElement>;
  onPlay?: (seconds: number) => void;
  onPause?: (seconds: number) => void;
  onEnded?: (seconds: number) => void;
  onError?: (message: string) => void;
}) {
  const [src, setSrc] = useState<string | null>(null);
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  }, [onError]);
  useEffect(() => {
    let url: string | null = null;
    let gone = false;
    audioUrl(token, path).then(
      (made) => {
        if (gone) URL.revokeObjectURL(made);
        else setSrc((url = made));
      },
      (error: Error) => {
        if (!gone) onErrorRef.current?.(error.message);
      },
    );
    return () => {
      gone = true;
      setSrc(null);
      if (url) URL.revokeObjectURL(url);
    };
  }, [token, path, round]);
  if (!src) return <p className="muted">Loading the audio…</p>;
  return (
    <audio
      ref={audioRef}
      className="rater-audio"
      controls
      controlsList="nodownload noplaybackrate"
      preload="auto"
      src={src}
      aria-label={label}
      onPlay={(event) => onPlay?.(event.currentTarget.currentTime)}
      onPause={(event) => {
        // A pause fires right before ended; only a real pause is reported as one.
        if (!event.currentTarget.ended) onPause?.(event.currentTarget.currentTime);
      }}
      onEnded={(event) => onEnded?.(event.currentTarget.currentTime)}
    />
  );
}
