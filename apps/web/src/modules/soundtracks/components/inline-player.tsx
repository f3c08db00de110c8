'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

// One audio element for a whole table, so starting a row's soundtrack stops the one before it, and a list
// of twenty finished jobs downloads nothing until a row is played.
export function useInlinePlayer() {
  const audio = useRef<HTMLAudioElement | null>(null);
  const [playing, setPlaying] = useState<string | null>(null);

  useEffect(() => {
    const element = new Audio();
    element.preload = 'none';
    const stopped = () => setPlaying(null);
    element.addEventListener('ended', stopped);
    element.addEventListener('pause', stopped);
    audio.current = element;
    return () => {
      element.pause();
      element.removeAttribute('src');
      audio.current = null;
    };
  }, []);

  const toggle = useCallback(
    (src: string) => {
      const element = audio.current;
      if (!element) return;
      if (playing === src) return element.pause();
      element.src = src;
      // A refused play (no audio device, autoplay rules) leaves the button as it was.
      element.play().then(
        () => setPlaying(src),
        () => setPlaying(null),
      );
    },
    [playing],
  );

  return { playing, toggle };
}

export function InlinePlayButton({
  src,
  label,
  player,
}: {
  src: string;
  label: string;
  player: ReturnType<typeof useInlinePlayer>;
}) {
  const isPlaying = player.playing === src;
  return (
    <button
      type="button"
      className="button-secondary"
      aria-label={`${isPlaying ? 'Pause' : 'Play'} ${label}`}
      aria-pressed={isPlaying}
      onClick={() => player.toggle(src)}
    >
      {isPlaying ? 'Pause' : 'Play'}
    </button>
  );
}
