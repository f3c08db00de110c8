'use client';

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { curveColumns, type CurvePoint } from '../lib/run-progress';

// The run's training and validation loss by step, drawn with uPlot (a canvas; cheap to redraw every poll).
// The chart is made once and fed new columns; its width follows its card.
export function LossChart({ points }: { points: CurvePoint[] }) {
  const holder = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const plot = new uPlot(
      {
        width: Math.max(160, element.clientWidth),
        height: 280,
        scales: { x: { time: false } },
        axes: [{ label: 'step' }, { label: 'loss' }],
        series: [
          { label: 'step' },
          { label: 'training loss', stroke: '#2563eb', width: 2, spanGaps: true },
          { label: 'validation loss', stroke: '#dc2626', width: 2, spanGaps: true, points: { show: true } },
        ],
      },
      curveColumns([]),
      element,
    );
    chart.current = plot;
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(160, element.clientWidth), height: 280 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setData(curveColumns(points));
  }, [points]);

  const drawn = points.filter((p) => p.kind === 'train').length;
  return (
    <figure className="stack" aria-label="Loss curves" data-train-points={drawn}>
      {/* The legend and axes never push past the card on a phone: they scroll inside it. */}
      <div ref={holder} style={{ maxWidth: '100%', overflowX: 'auto' }} />
      <figcaption className="muted">
        {drawn ? `${drawn} training point(s) so far` : 'The curve appears with the first logged step.'}
      </figcaption>
    </figure>
  );
}
