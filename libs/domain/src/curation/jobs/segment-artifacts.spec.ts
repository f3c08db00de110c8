import { SegmentWindow, sliceWindow } from './segment-artifacts';

/** A 50 s window from 5 s at 10 poses a second, each frame and sample numbered by its time. */
function window50(): SegmentWindow {
  const keypoints = Array.from({ length: 500 }, (_, i) => [[i, 0, 1]]);
  const samples = Float32Array.from({ length: 50 * 22050 }, (_, i) => i);
  return { startSeconds: 5, lengthSeconds: 50, keypoints, samples };
}

describe('sliceWindow', () => {
  it('cuts the poses and audio of a 25 s half out of a 50 s window, aligned to the second', () => {
    const second = sliceWindow(window50(), { startSeconds: 30, lengthSeconds: 25 }, 10)!;
    expect(second.startSeconds).toBe(30);
    expect(second.keypoints).toHaveLength(250);
    expect(second.keypoints[0]).toEqual([[250, 0, 1]]);
    expect(second.samples).toHaveLength(25 * 22050);
    expect(second.samples[0]).toBe(25 * 22050);
    const first = sliceWindow(window50(), { startSeconds: 5, lengthSeconds: 25 }, 10)!;
    expect(first.keypoints[0]).toEqual([[0, 0, 1]]);
  });

  it('is null for a segment that is not inside the window', () => {
    expect(sliceWindow(window50(), { startSeconds: 55, lengthSeconds: 25 }, 10)).toBeNull();
    expect(sliceWindow(window50(), { startSeconds: 0, lengthSeconds: 25 }, 10)).toBeNull();
  });
});
