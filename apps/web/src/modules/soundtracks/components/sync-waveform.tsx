'use client';

import { useEffect, useRef } from 'react';
import { WaveformTimeline, type DrawnPeaks } from '@/components/waveform-timeline';
import type { SoundtrackJobPage } from '../lib/job-types';
import { syncDetails, syncHeadline } from '../lib/sync-words';
import styles from './sync-waveform.module.css';

const drawRate = 22050;

// How long the media element's file lasts, once it knows.
function mediaDuration(media: HTMLMediaElement, signal: AbortSignal): Promise<number> {
  if (media.readyState >= 1 && Number.isFinite(media.duration)) return Promise.resolve(media.duration);
  return new Promise((resolve, reject) => {
    media.addEventListener('loadedmetadata', () => resolve(media.duration), { once: true, signal });
    media.addEventListener('error', () => reject(new Error('the video could not be loaded')), {
      once: true,
      signal,
    });
  });
}

// A video job's waveform plays through the <video>, whose file is the MP4, so the wave is drawn from the WAV,
// decoded here (an OfflineAudioContext needs no user gesture) and laid over the video's own length: the
// MP4 can run a little past the music (its last video frame), and one timeline must hold for the cursor,
// the wave and the markers alike, so the wave gets silence to the video's end.
async function videoPeaks(
  audioUrl: string,
  video: HTMLMediaElement,
  signal: AbortSignal,
): Promise<DrawnPeaks> {
  const response = await fetch(audioUrl, { signal });
  if (!response.ok) throw new Error(`the audio could not be loaded (${response.status})`);
  const buffer = await new OfflineAudioContext(1, 1, drawRate).decodeAudioData(await response.arrayBuffer());
  const duration = Math.max(buffer.duration, await mediaDuration(video, signal));
  const channel = new Float32Array(Math.round(duration * drawRate));
  channel.set(buffer.getChannelData(0).subarray(0, channel.length));
  return { peaks: [channel], duration };
}

// The result as a waveform (wavesurfer.js) between two rows of markers: the music's onsets above, the
// dancer's visual beats below, and in words how many meet. The waveform plays through the page's own media
// element, so it and that player share one playhead: the <video> for a job made from a video (seek or play
// either and the other follows), else the <audio>. The sync was measured by the worker when the job
// succeeded; nothing is computed here but the drawing.
export function SyncWaveform({
  job,
  audioUrl,
  videoUrl,
}: {
  job: SoundtrackJobPage;
  audioUrl: string;
  videoUrl: string | null;
}) {
  const audio = useRef<HTMLAudioElement>(null);
  const video = useRef<HTMLVideoElement>(null);

  // Two players of the same music would play over each other: starting one pauses the other.
  useEffect(() => {
    const players = [audio.current, video.current].filter((element) => element !== null);
    const pauseOthers = (event: Event) => {
      for (const player of players) if (player !== event.target) player.pause();
    };
    for (const player of players) player.addEventListener('play', pauseOthers);
    return () => {
      for (const player of players) player.removeEventListener('play', pauseOthers);
    };
  }, [videoUrl]);

  const { sync } = job;
  return (
    <div className="stack">
      {videoUrl ? (
        <video
          ref={video}
          controls
          preload="metadata"
          src={videoUrl}
          aria-label="Video with the soundtrack"
          className={`result-video ${styles.media}`}
        />
      ) : null}
      <WaveformTimeline
        media={videoUrl ? video : audio}
        source={`${audioUrl} ${videoUrl ?? ''}`}
        label="Waveform with music onsets and dance beats"
        above={sync ? { label: 'Music onsets', times: sync.onsets, kind: 'onsets' } : null}
        below={sync ? { label: 'Dance beats', times: sync.visualBeats, kind: 'beats' } : null}
        seconds={job.seconds}
        loadPeaks={videoUrl ? (media, signal) => videoPeaks(audioUrl, media, signal) : undefined}
        caption={(state) => (
          <>
            {sync ? (
              <>
                <strong>{syncHeadline(sync)}</strong>. {syncDetails(sync)}
              </>
            ) : (
              'The sync of this soundtrack was not measured.'
            )}
            {state === 'failed' ? ' The waveform could not be drawn; the players below still work.' : null}
          </>
        )}
      />
      <audio
        ref={audio}
        controls
        preload="auto"
        src={audioUrl}
        aria-label="Soundtrack audio"
        className={styles.media}
      />
    </div>
  );
}
