import { encodeNpyFloat32 } from '@loris/synth';
import { poseTrackOfNpy } from './loris-poses';
import { readNpy } from './npy-reader';

describe('poseTrackOfNpy', () => {
  it('turns T×17×3 into {fps, keypoints} at T frames over the segment length', () => {
    const data = new Float32Array(400 * 17 * 3).map((_, i) => (i % 3 === 2 ? 0.75 : i / 7));
    const track = poseTrackOfNpy(readNpy(encodeNpyFloat32(data, [400, 17, 3])), 25);
    expect(track.fps).toBe(16);
    expect(track.keypoints).toHaveLength(400);
    expect(track.keypoints[0]).toHaveLength(17);
    expect(track.keypoints[1][2]).toEqual([
      Math.round((57 / 7) * 1e4) / 1e4,
      Math.round((58 / 7) * 1e4) / 1e4,
      0.75,
    ]);
  });

  it('refuses another shape and values that are not finite', () => {
    expect(() =>
      poseTrackOfNpy(readNpy(encodeNpyFloat32(new Float32Array(40 * 17 * 2), [40, 17, 2])), 25),
    ).toThrow(/shape \(40, 17, 2\); expected \(frames >= 3, 17, 3\)/);
    const nan = new Float32Array(4 * 17 * 3);
    nan[17 * 3 + 4] = NaN;
    expect(() => poseTrackOfNpy(readNpy(encodeNpyFloat32(nan, [4, 17, 3])), 25)).toThrow(/frame 1, joint 1/);
  });
});
