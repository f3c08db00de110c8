'use client';

import { useEffect, useRef, useState } from 'react';
import { WaveformTimeline } from '@/components/waveform-timeline';

export interface ListenTrack {
  /** What is heard: "Ground truth" or a version's label. */
  label: string;
  audioId: string;
  /** Onset times to mark, or the id of a JSON artifact holding them (onsetTimes), or none. */
  onsets: number[] | { artifactId: string } | null;
  /** The console's URL of the segment's video with this audio muxed in, when the segment has a video. */
  videoUrl: string | null;
}

async function onsetsOf(track: ListenTrack, signal: AbortSignal): Promise<number[]> {
  if (track.onsets === null) return [];
  if (Array.isArray(track.onsets)) return track.onsets;
  const response = await fetch(`/media/${track.onsets.artifactId}`, { signal });
  const body = (await response.json()) as { onsetTimes?: number[] };
  return body.onsetTimes ?? [];
}

// One audio of the segment on its waveform, its onsets marked above it, and the video with it when there is one.
function Track({ track, seconds }: { track: ListenTrack; seconds: number }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [onsets, setOnsets] = useState<number[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    onsetsOf(track, abort.signal)
      .then(setOnsets)
      .catch(() => undefined);
    return () => abort.abort();
  }, [track]);
  return (
    <section className="card stack" aria-label={`Listen: ${track.label}`} data-track={track.label}>
      <h3>{track.label}</h3>
      {track.videoUrl ? (
        <video
          controls
          preload="none"
          src={track.videoUrl}
          aria-label={`${track.label} with the segment's video`}
        />
      ) : null}
      <WaveformTimeline
        media={audio}
        source={track.audioId}
        label={`${track.label}: waveform with its onsets`}
        above={{ label: 'Onsets', times: onsets, kind: 'onsets' }}
        below={null}
        seconds={seconds}
        caption={(state) =>
          state === 'failed' ? 'The waveform could not be drawn; the audio still plays.' : null
        }
      />
      <audio
        ref={audio}
        controls
        preload="auto"
        src={`/media/${track.audioId}`}
        aria-label={`${track.label} audio`}
      />
    </section>
  );
}

// A segment heard as the ground truth and as every compared version made it.
export function SampleListening({ tracks, seconds }: { tracks: ListenTrack[]; seconds: number }) {
  return (
    <div className="stack">
      {tracks.map((track) => (
        <Track key={`${track.label}/${track.audioId}`} track={track} seconds={seconds} />
      ))}
    </div>
  );
}
