import type { RgbFrame } from '../media.types';
import { cropAndResize } from './crop-and-resize';
import { fullFrameCrop, type CropRegion } from './crop-region';
import { tfWasm } from './tfjs-wasm';

// The reference is TensorFlow.js itself (wasm backend, as the estimator used it before): the same frame and
// crop through tf.image.cropAndResize and a cast to int32.
async function tfCropAndResize(frame: RgbFrame, crop: CropRegion, size: number): Promise<Int32Array> {
  const tf = await tfWasm();
  const result = tf.tidy(() => {
    const image = tf.cast(tf.tensor4d(frame.data, [1, frame.height, frame.width, 3], 'int32'), 'float32');
    const box = [[crop.yMin, crop.xMin, crop.yMin + crop.height, crop.xMin + crop.width]];
    return tf.cast(tf.image.cropAndResize(image as never, box, [0], [size, size], 'bilinear', 0), 'int32');
  });
  const values = (await result.data()) as Int32Array;
  result.dispose();
  return values;
}

/** A frame with smooth gradients and hard edges, so interpolation and bounds both show. */
function testFrame(width: number, height: number, seed: number): RgbFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++)
        data[(y * width + x) * 3 + c] =
          ((x * (c + 1) * 3 + y * 5 + seed * 17) % 256) ^ (((x >> 4) + (y >> 4)) % 2) ? 0 : 200;
  return { index: 0, timeSeconds: 0, width, height, data };
}

function compare(ours: Int32Array, reference: Int32Array): { maxDiff: number; equalShare: number } {
  let maxDiff = 0;
  let equal = 0;
  for (let i = 0; i < ours.length; i++) {
    const diff = Math.abs(ours[i] - reference[i]);
    maxDiff = Math.max(maxDiff, diff);
    if (diff === 0) equal += 1;
  }
  return { maxDiff, equalShare: equal / ours.length };
}

describe('cropAndResize gives what tf.image.cropAndResize gives', () => {
  const cases: [string, RgbFrame, CropRegion][] = [
    ['the full landscape frame padded to a square', testFrame(640, 360, 1), fullFrameCrop(640, 360)],
    ['the full portrait frame padded to a square', testFrame(270, 480, 2), fullFrameCrop(270, 480)],
    [
      'a tracked crop inside the frame',
      testFrame(640, 480, 3),
      { yMin: 0.2, xMin: 0.35, height: 0.5, width: 0.375 },
    ],
    [
      'a crop past the top-left corner',
      testFrame(320, 240, 4),
      { yMin: -0.3, xMin: -0.1, height: 0.8, width: 0.6 },
    ],
    [
      'a crop past the bottom-right corner',
      testFrame(320, 240, 5),
      { yMin: 0.6, xMin: 0.7, height: 0.7, width: 0.5 },
    ],
  ];

  it.each(cases)('%s', async (_, frame, crop) => {
    const ours = cropAndResize(frame, crop, 192);
    const reference = await tfCropAndResize(frame, crop, 192);
    expect(ours).toHaveLength(192 * 192 * 3);
    // Sample positions follow TensorFlow's float32 arithmetic, so every value is the same, not only close.
    expect(compare(ours, reference)).toEqual({ maxDiff: 0, equalShare: 1 });
  });

  it('leaves everything outside the frame black', () => {
    const frame = testFrame(100, 100, 6);
    frame.data.fill(255);
    const out = cropAndResize(frame, { yMin: -1, xMin: 0, height: 1, width: 1 }, 8);
    // Rows sampled above the frame are 0; the last row (y = 0) lies on the frame's top edge.
    expect(Array.from(out.subarray(0, 7 * 8 * 3)).every((v) => v === 0)).toBe(true);
    expect(Array.from(out.subarray(7 * 8 * 3)).every((v) => v === 255)).toBe(true);
  });
});
