import { angleBin, directogram } from './directogram';
import { onsetEnvelope } from './onset-envelope';
import { packPoseTrack } from './pose-track';
import { asTrack, stillTrack, step } from './hand-built-tracks.testing';

function polar(degrees: number, length: number): [number, number] {
  const r = (degrees * Math.PI) / 180;
  return [length * Math.cos(r), length * Math.sin(r)];
}

describe('angleBin', () => {
  it.each([
    [0, 0],
    [10, 0],
    [100, 2],
    [179, 4],
    [180, 5],
    [-30, 9],
    [-90, 7],
    [359.9, 9],
  ])('sectors: %p degrees lands in sector %p of 10 equal 36-degree sectors', (degrees, bin) => {
    const [dx, dy] = polar(degrees, 7);
    expect(angleBin(dx, dy, 10, 'sectors')).toBe(bin);
  });

  it.each([
    [37.5, 7],
    [100.2, 0],
    [-30.5, 9], // -30.5 mod 180 = 149.5 -> 149 -> 9
    [-90.3, 9], // 89.7 -> 89 -> 9
    [190.5, 0], // 10.5 -> 10 -> 0
  ])('degrees (released code): %p degrees lands in bin %p', (degrees, bin) => {
    const [dx, dy] = polar(degrees, 7);
    expect(angleBin(dx, dy, 10, 'degrees')).toBe(bin);
  });

  it.each([4, 8, 10, 12, 16, 3])(
    'sectors of %p: the diamond angle gives the bin of atan2 in [0, 2pi), axes included',
    (bins) => {
      const atan2Bin = (dx: number, dy: number): number => {
        const angle = Math.atan2(dy, dx);
        const turn = angle < 0 ? angle + 2 * Math.PI : angle;
        return Math.min(Math.floor(turn / ((2 * Math.PI) / bins)), bins - 1);
      };
      let seed = 7;
      const random = (): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648 - 0.5;
      };
      const motions: [number, number][] = [
        [1, 0],
        [0, 1],
        [-1, 0],
        [0, -1],
        [-1, -0],
        [3, 3],
        [-3, 3],
        [-3, -3],
        [3, -3],
        ...Array.from({ length: 20000 }, (): [number, number] => [100 * random(), 100 * random()]),
      ];
      for (const [dx, dy] of motions)
        expect([dx, dy, angleBin(dx, dy, bins, 'sectors')]).toEqual([dx, dy, atan2Bin(dx, dy)]);
    },
  );

  it('folds opposite directions together only in the released binning', () => {
    expect(angleBin(-3, 0, 10, 'degrees')).toBe(angleBin(3, 0, 10, 'degrees'));
    expect(angleBin(-3, 0, 10, 'sectors')).not.toBe(angleBin(3, 0, 10, 'sectors'));
  });
});

describe('directogram (eq. 4)', () => {
  it('puts one moving joint, weighted by its motion length, in the sector of its angle', () => {
    const keypoints = stillTrack(4);
    const [dx, dy] = polar(100, 5);
    step(keypoints, 9, 2, dx, dy);
    const rows = directogram(packPoseTrack(asTrack(keypoints)), 10, 'sectors', 0.3);
    expect(rows.length).toBe(3 * 10);
    expect(Array.from(rows.subarray(0, 10))).toEqual(new Array(10).fill(0));
    expect(rows[10 + 2]).toBeCloseTo(5, 12);
    expect(rows.subarray(10, 20).reduce((a, b) => a + b, 0)).toBeCloseTo(5, 12);
    expect(Array.from(rows.subarray(20, 30))).toEqual(new Array(10).fill(0));
  });

  it('sums joints that move in the same sector', () => {
    const keypoints = stillTrack(3);
    step(keypoints, 1, 1, 3, 0);
    step(keypoints, 2, 1, 0, 0.5); // 90 degrees: sector 2
    step(keypoints, 3, 1, 4, 0.1);
    const rows = directogram(packPoseTrack(asTrack(keypoints)), 10, 'sectors', 0.3);
    expect(rows[0]).toBeCloseTo(3 + Math.hypot(4, 0.1), 12);
    expect(rows[2]).toBeCloseTo(0.5, 12);
    expect(Array.from(rows.subarray(10, 20))).toEqual(new Array(10).fill(0));
  });

  it('ignores a joint below the confidence threshold in either frame of the motion', () => {
    const keypoints = stillTrack(4);
    step(keypoints, 0, 1, 10, 0);
    step(keypoints, 0, 2, 10, 0);
    keypoints[1][0][2] = 0.2;
    const rows = directogram(packPoseTrack(asTrack(keypoints)), 10, 'sectors', 0.3);
    expect(rows.every((v) => v === 0)).toBe(true);
    const loose = directogram(packPoseTrack(asTrack(keypoints)), 10, 'sectors', 0.1);
    expect(loose[0]).toBe(10);
    expect(loose[10]).toBe(10);
  });
});

describe('onsetEnvelope (eq. 6)', () => {
  it('sums the positive rises per bin and divides by the maximum', () => {
    // 3 rows of 2 bins: rises (+2, -1) then (-2, +4)
    const rows = Float64Array.from([0, 1, 2, 0, 0, 4]);
    expect(Array.from(onsetEnvelope(rows, 2))).toEqual([0.5, 1]);
  });

  it('stays 0 without motion changes, with no division by zero', () => {
    const out = onsetEnvelope(new Float64Array(5 * 3).fill(2), 3);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });
});
