'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';
import { WaveformTimeline } from '@/components/waveform-timeline';
import type { ReviewSegmentFragment } from '@/graphql/generated';
import { syncCue, syncLevel } from '../lib/sync-cue';
import styles from './curation.module.css';

// The source video may drift from the segment's audio by this much before it is put back in step: less
// would seek the video on every tick, which stutters.
const driftSeconds = 0.25;

interface Markers {
  onsets: number[];
  peaks: number[];
}

function mediaUrl(id: string): string {
  return `/media/${id}`;
}

// A JSON artifact's list of times (onsets' onsetTimes, the rhythm's peakTimes), or none when it cannot be
// read: the timeline then shows an empty row, the player still works.
async function times(id: string | undefined, field: string, signal: AbortSignal): Promise<number[]> {
  if (!id) return [];
  const response = await fetch(mediaUrl(id), { signal });
  if (!response.ok) return [];
  const body = (await response.json()) as Record<string, unknown>;
  const values = body[field];
  return Array.isArray(values) ? values.filter((value): value is number => typeof value === 'number') : [];
}

// Keeps the (muted) source video on the segment's audio: the audio is the playhead, which the waveform
// drives too, and the video shows the frame at the segment's start plus the audio's time.
function useVideoFollowsAudio(
  audio: RefObject<HTMLAudioElement | null>,
  video: RefObject<HTMLVideoElement | null>,
  startSeconds: number,
) {
  useEffect(() => {
    const sound = audio.current;
    const picture = video.current;
    if (!sound || !picture) return;
    const align = () => {
      const target = startSeconds + sound.currentTime;
      if (Math.abs(picture.currentTime - target) > driftSeconds) picture.currentTime = target;
    };
    const play = () => {
      align();
      void picture.play().catch(() => undefined);
    };
    const pause = () => {
      picture.pause();
      align();
    };
    sound.addEventListener('play', play);
    sound.addEventListener('pause', pause);
    sound.addEventListener('seeked', align);
    sound.addEventListener('timeupdate', align);
    picture.addEventListener('loadedmetadata', align);
    align();
    return () => {
      sound.removeEventListener('play', play);
      sound.removeEventListener('pause', pause);
      sound.removeEventListener('seeked', align);
      sound.removeEventListener('timeupdate', align);
      picture.removeEventListener('loadedmetadata', align);
    };
  }, [audio, video, startSeconds]);
}

// One segment as the curator judges it: the source video from the segment's start with the segment's own
// audio (22050 Hz mono, what training hears), a waveform beneath with the audio onsets above it and the
// visual-rhythm peaks below, one playhead for all three, and the sync cue in words.
export function SegmentPlayer({
  segment,
  audio,
}: {
  segment: ReviewSegmentFragment;
  /** The page's handle on the audio element, for the space key. */
  audio: RefObject<HTMLAudioElement | null>;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [markers, setMarkers] = useState<Markers | null>(null);
  useVideoFollowsAudio(audio, video, segment.startSeconds);

  useEffect(() => {
    const abort = new AbortController();
    setMarkers(null);
    Promise.all([
      times(segment.onsets?.id, 'onsetTimes', abort.signal),
      times(segment.visualRhythm?.id, 'peakTimes', abort.signal),
    ])
      .then(([onsets, peaks]) => setMarkers({ onsets, peaks }))
      .catch(() => {
        if (!abort.signal.aborted) setMarkers({ onsets: [], peaks: [] });
      });
    return () => abort.abort();
  }, [segment.onsets?.id, segment.visualRhythm?.id]);

  const level = syncLevel(segment.syncFMeasure);
  return (
    <div className="stack">
      {segment.video ? (
        <video
          ref={video}
          muted
          playsInline
          preload="auto"
          src={`${mediaUrl(segment.video.id)}#t=${segment.startSeconds}`}
          aria-label="Source video at the segment"
          className={styles.player}
        />
      ) : (
        <p className="muted">The source video is not available; the audio and timeline still work.</p>
      )}
      <WaveformTimeline
        media={audio}
        source={segment.audio.id}
        label="Segment waveform with audio onsets and visual rhythm peaks"
        above={{ label: 'Audio onsets', times: markers?.onsets ?? [], kind: 'onsets' }}
        below={{ label: 'Visual rhythm', times: markers?.peaks ?? [], kind: 'peaks' }}
        seconds={segment.lengthSeconds}
        caption={(state) => (
          <>
            <span className={level === 'poor' ? styles.poor : undefined} data-sync={level}>
              {syncCue(segment.syncFMeasure, segment.flags)}
            </span>
            {state === 'failed' ? ' The waveform could not be drawn; the audio still plays.' : null}
          </>
        )}
      />
      <audio
        ref={audio}
        controls
        preload="auto"
        src={mediaUrl(segment.audio.id)}
        aria-label="Segment audio"
      />
    </div>
  );
}
