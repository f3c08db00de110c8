import { postProcess } from './post-process';

const layout = { channels: 2, audioScale: 0.5, sampleRate: 22050, outputSampleRate: 22050 };

describe('postProcess', () => {
  it('undoes the training scale, clips, and averages the channels to mono', () => {
    // channel 0: [0.1, 0.6, -0.7, 0], channel 1: [0.3, 0.2, -0.2, 0.25]
    const x = new Float32Array([0.1, 0.6, -0.7, 0, 0.3, 0.2, -0.2, 0.25]);
    const out = postProcess(x, layout, 4);
    // /0.5 -> [0.2, 1.2, -1.4, 0] and [0.6, 0.4, -0.4, 0.5]; clip -> [0.2, 1, -1, 0]; mean
    expect(Array.from(out).map((v) => Number(v.toFixed(6)))).toEqual([0.4, 0.7, -0.7, 0.25]);
  });

  it('cuts to the requested length and pads a short output with silence', () => {
    const x = new Float32Array([0.1, 0.2, 0.3, 0.1, 0.2, 0.3]);
    expect(postProcess(x, layout, 2)).toHaveLength(2);
    const padded = postProcess(x, layout, 5);
    expect(Array.from(padded.subarray(3))).toEqual([0, 0]);
  });

  it('resamples a model rate other than 22050 Hz', () => {
    // A 441 Hz tone at 11025 Hz, one second, the same in both channels.
    const rate = 11025;
    const tone = Float32Array.from(
      { length: rate },
      (_, i) => 0.25 * Math.sin((2 * Math.PI * 441 * i) / rate),
    );
    const x = new Float32Array(2 * rate);
    x.set(tone, 0);
    x.set(tone, rate);
    const out = postProcess(x, { ...layout, audioScale: 1, sampleRate: rate }, 22050);
    expect(out).toHaveLength(22050);
    // Away from the edges the resampled tone matches the analytic one at 22050 Hz.
    let worst = 0;
    for (let i = 2000; i < 20000; i++)
      worst = Math.max(worst, Math.abs(out[i] - 0.25 * Math.sin((2 * Math.PI * 441 * i) / 22050)));
    expect(worst).toBeLessThan(1e-3);
  });

  it('keeps the resampled output within [-1, 1]', () => {
    // A full-scale square wave overshoots by about 9% when band-limited (Gibbs); the output is clipped again.
    const rate = 11025;
    const x = Float32Array.from({ length: 2 * rate }, (_, i) => (Math.floor(i / 10) % 2 ? 1 : -1));
    const out = postProcess(x, { ...layout, audioScale: 1, sampleRate: rate }, 22050);
    expect(out.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeLessThanOrEqual(1);
  });

  it('refuses an output that does not split into the channels', () => {
    expect(() => postProcess(new Float32Array(5), layout, 2)).toThrow(/not a multiple of 2 channels/);
  });
});
