'use client';

import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import type WaveSurfer from 'wavesurfer.js';
import styles from './waveform-timeline.module.css';

export type WaveformState = 'loading' | 'ready' | 'failed';

/** One row of markers: what they are (the label, also read out with their count) and their times. */
export interface MarkerRowSpec {
  label: string;
  times: readonly number[];
  /** The row's data-markers attribute, for tests and styles ("onsets", "beats", ...). */
  kind: string;
}

/** Peaks drawn instead of the media's own decoded audio, over `duration` seconds. */
export interface DrawnPeaks {
  peaks: Float32Array[];
  duration: number;
}

const waveStyle = {
  height: 80,
  waveColor: '#9aa3b2',
  progressColor: '#3246d3',
  cursorColor: '#1c2430',
  cursorWidth: 2,
  normalize: true,
  dragToSeek: true,
};

// One row of markers at their times, as a share of the timeline's length.
function MarkerRow({
  row,
  seconds,
  place,
}: {
  row: MarkerRowSpec;
  seconds: number;
  place: 'above' | 'below';
}) {
  return (
    <div className={styles.row}>
      <span className={styles.rowLabel} aria-hidden="true">
        {row.label}
      </span>
      <div
        className={styles.track}
        role="img"
        aria-label={`${row.label}: ${row.times.length}`}
        data-markers={row.kind}
      >
        {row.times.map((time, i) => (
          <span
            key={i}
            className={`${styles.marker} ${styles[place]}`}
            style={{ left: `${Math.min(100, (time / seconds) * 100)}%` }}
            data-time={time}
          />
        ))}
      </div>
    </div>
  );
}

// A waveform (wavesurfer.js) between two rows of markers, played through a media element of the page, so
// the waveform's cursor and that player are one playhead: seek or play either and the other follows. The
// soundtrack job page and the curator's review page both draw their timelines with it. `source` names what
// the media element plays; a new one draws the waveform again. `loadPeaks` draws other audio than the
// element's own (a video's music from its WAV); without it wavesurfer decodes the element's file.
export function WaveformTimeline({
  media,
  source,
  label,
  above,
  below,
  seconds,
  loadPeaks,
  caption,
}: {
  media: RefObject<HTMLMediaElement | null>;
  source: string;
  label: string;
  above: MarkerRowSpec | null;
  below: MarkerRowSpec | null;
  /** The length the markers are placed on until the waveform knows its own. */
  seconds: number;
  loadPeaks?: (media: HTMLMediaElement, signal: AbortSignal) => Promise<DrawnPeaks>;
  caption: (state: WaveformState) => React.ReactNode;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<WaveformState>('loading');
  const [duration, setDuration] = useState(seconds);
  const summaryId = useId();
  // Read when drawing, not a reason to draw again: a new function each render must not restart wavesurfer.
  const peaksLoader = useRef(loadPeaks);
  peaksLoader.current = loadPeaks;

  useEffect(() => {
    const element = media.current;
    if (!container.current || !element) return;
    const abort = new AbortController();
    let surfer: WaveSurfer | undefined;
    setState('loading');
    const draw = async () => {
      const { default: WaveSurferClass } = await import('wavesurfer.js');
      const drawn = peaksLoader.current ? await peaksLoader.current(element, abort.signal) : {};
      if (abort.signal.aborted || !container.current) return;
      surfer = WaveSurferClass.create({
        ...waveStyle,
        container: container.current,
        media: element,
        ...drawn,
      });
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
  }, [media, source]);

  const aligned = above || below;
  return (
    <figure className={styles.figure} aria-label={label} aria-describedby={summaryId}>
      {above ? <MarkerRow row={above} seconds={duration} place="above" /> : null}
      <div
        ref={container}
        className={`${styles.waveform} ${aligned ? styles.aligned : ''}`}
        data-waveform={state}
        aria-label="Waveform"
        role="img"
      />
      {below ? <MarkerRow row={below} seconds={duration} place="below" /> : null}
      <figcaption id={summaryId} className={styles.summary}>
        {caption(state)}
      </figcaption>
    </figure>
  );
}
