import type { RgbFrame } from '../media.types';
import type { CropRegion } from './crop-region';

/**
 * MoveNet's input from a decoded frame: the crop region resized to `size`×`size` by bilinear sampling,
 * black outside the frame, truncated to integers, as an RGB int32 buffer in row-major HWC order.
 *
 * It computes what `tf.image.cropAndResize(image, box, [0], [size, size], 'bilinear', 0)` followed by a
 * cast to int32 computes (TensorFlow's CropAndResize: a sample at y = (yMin·(H−1)) + i·(h·(H−1))/(size−1),
 * outside [0, H−1] extrapolated to 0), but straight from the frame's bytes. On the wasm backend the tfjs
 * route first casts the whole frame to float32 (a 640×360 frame is 691k values) to sample only 110k of
 * them: 5.8 ms of a 55 ms frame here, against under 1 ms for this loop.
 */
export function cropAndResize(frame: RgbFrame, crop: CropRegion, size: number): Int32Array {
  const { width: W, height: H, data } = frame;
  const out = new Int32Array(size * size * 3);
  // Sample positions in float32, step by step as TensorFlow's kernel computes them: in float64 a position
  // that lands exactly on the frame's edge there can fall just outside it here, and turn a pixel black.
  const f = Math.fround;
  const y1 = f(crop.yMin);
  const x1 = f(crop.xMin);
  const yScale = size > 1 ? f(f(f(f(crop.yMin + crop.height) - y1) * (H - 1)) / (size - 1)) : 0;
  const xScale = size > 1 ? f(f(f(f(crop.xMin + crop.width) - x1) * (W - 1)) / (size - 1)) : 0;
  const yAt = (i: number) =>
    size > 1 ? f(f(y1 * (H - 1)) + f(i * yScale)) : f(0.5 * f(y1 + f(crop.yMin + crop.height)) * (H - 1));
  const xAt = (j: number) =>
    size > 1 ? f(f(x1 * (W - 1)) + f(j * xScale)) : f(0.5 * f(x1 + f(crop.xMin + crop.width)) * (W - 1));
  // Column sample positions are the same on every row: work them out once.
  const left = new Int32Array(size);
  const right = new Int32Array(size);
  const xLerp = new Float32Array(size);
  const xInside = new Uint8Array(size);
  for (let j = 0; j < size; j++) {
    const x = xAt(j);
    xInside[j] = x >= 0 && x <= W - 1 ? 1 : 0;
    left[j] = Math.floor(x);
    right[j] = Math.ceil(x);
    xLerp[j] = x - left[j];
  }
  for (let i = 0; i < size; i++) {
    const y = yAt(i);
    if (y < 0 || y > H - 1) continue; // the row stays 0 (black), as TensorFlow's extrapolation value
    const top = Math.floor(y) * W * 3;
    const bottom = Math.ceil(y) * W * 3;
    const yLerp = y - Math.floor(y);
    for (let j = 0; j < size; j++) {
      if (!xInside[j]) continue;
      const o = (i * size + j) * 3;
      const tl = top + left[j] * 3;
      const tr = top + right[j] * 3;
      const bl = bottom + left[j] * 3;
      const br = bottom + right[j] * 3;
      for (let c = 0; c < 3; c++) {
        const t = data[tl + c] + (data[tr + c] - data[tl + c]) * xLerp[j];
        const b = data[bl + c] + (data[br + c] - data[bl + c]) * xLerp[j];
        out[o + c] = Math.trunc(t + (b - t) * yLerp);
      }
    }
  }
  return out;
}
