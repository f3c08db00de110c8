'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type WaveSurfer from 'wavesurfer.js';
import type { SoundtrackJobPage } from '../lib/job-types';
import { syncDetails, syncHeadline } from '../lib/sync-words';
import styles from './sync-waveform.module.css';

type WaveformState = 'loading' | 'ready' | 'failed';

const waveStyle = {
  height: 80,
  waveColor: '#9aa3b2',
  progressColor: '#3246d3',
  cursorColor: '#1c2430',
  cursorWidth: 2,
  normalize: true,
  dragToSeek: true,
};

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
): Promise<{ peaks: Float32Array[]; duration: number }> {
  const response = await fetch(audioUrl, { signal });
  if (!response.ok) throw new Error(`the audio could not be loaded (${response.status})`);
  const buffer = await new OfflineAudioContext(1, 1, drawRate).decodeAudioData(await response.arrayBuffer());
  const duration = Math.max(buffer.duration, await mediaDuration(video, signal));
  const channel = new Float32Array(Math.round(duration * drawRate));
  channel.set(buffer.getChannelData(0).subarray(0, channel.length));
  return { peaks: [channel], duration };
}

// One row of markers at their times, as a share of the result's length.
function MarkerRow({
  label,
  times,
  seconds,
  kind,
}: {
  label: string;
  times: readonly number[];
  seconds: number;
  kind: string;
}) {
  return (
    <div className={styles.row}>
      <span className={styles.rowLabel} aria-hidden="true">
        {label}
      </span>
      <div className={styles.track} role="img" aria-label={`${label}: ${times.length}`} data-markers={kind}>
        {times.map((time, i) => (
          <span
            key={i}
            className={`${styles.marker} ${kind === 'onsets' ? styles.onset : styles.beat}`}
            style={{ left: `${Math.min(100, (time / seconds) * 100)}%` }}
            data-time={time}
          />
        ))}
      </div>
    </div>
  );
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
  const container = useRef<HTMLDivElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<WaveformState>('loading');
  // The length the waveform spans (its player's), which the markers are placed on.
  const [duration, setDuration] = useState(job.seconds);
  const summaryId = useId();

  useEffect(() => {
    const media = videoUrl ? video.current : audio.current;
    if (!container.current || !media) return;
    const abort = new AbortController();
    let surfer: WaveSurfer | undefined;
    const draw = async () => {
      const { default: WaveSurferClass } = await import('wavesurfer.js');
      const drawn = videoUrl ? await videoPeaks(audioUrl, media, abort.signal) : {};
      if (abort.signal.aborted || !container.current) return;
      surfer = WaveSurferClass.create({ ...waveStyle, container: container.current, media, ...drawn });
      surfer.on('ready', (length) => {
        if (Number.isFinite(length) && length > 0) setDuration(length);
        setState('ready');
      });
      surfer.on('error', () => setState('failed'));
    };
    draw().catch(() => {
      if (!abort.signal.aborted) setState('failed');
    });
    return () => {
      abort.abort();
      surfer?.destroy();
    };
  }, [audioUrl, videoUrl]);

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
      <figure
        className={styles.figure}
        aria-label="Waveform with music onsets and dance beats"
        aria-describedby={summaryId}
      >
        {sync ? (
          <MarkerRow label="Music onsets" times={sync.onsets} seconds={duration} kind="onsets" />
        ) : null}
        <div
          ref={container}
          className={`${styles.waveform} ${sync ? styles.aligned : ''}`}
          data-waveform={state}
          aria-label="Waveform"
          role="img"
        />
        {sync ? (
          <MarkerRow label="Dance beats" times={sync.visualBeats} seconds={duration} kind="beats" />
        ) : null}
        <figcaption id={summaryId} className={styles.summary}>
          {sync ? (
            <>
              <strong>{syncHeadline(sync)}</strong>. {syncDetails(sync)}
            </>
          ) : (
            'The sync of this soundtrack was not measured.'
          )}
          {state === 'failed' ? ' The waveform could not be drawn; the players below still work.' : null}
        </figcaption>
      </figure>
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
