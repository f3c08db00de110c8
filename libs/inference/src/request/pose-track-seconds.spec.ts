import { InvalidPoseTrack, packPoseTrack } from '@loris/rhythm';
import { InvalidRequestError } from '../inference.errors';
import { swayingPoses } from '../testing/parity-fixture.testing';
import { checkInputCovers, framesAt, poseTrackSeconds } from './pose-track-seconds';

describe('poseTrackSeconds', () => {
  it('is frames over fps, for a parsed or a packed track', () => {
    expect(poseTrackSeconds(swayingPoses(1.5))).toBe(1.5);
    expect(poseTrackSeconds(swayingPoses(2, 60))).toBe(2);
    expect(poseTrackSeconds(packPoseTrack(swayingPoses(100 / 30)))).toBe(100 / 30);
  });

  it('validates the track', () => {
    expect(() => poseTrackSeconds({ fps: 30, keypoints: [] })).toThrow(InvalidPoseTrack);
  });
});

describe('framesAt', () => {
  it('rounds to the nearest frame, at least one', () => {
    expect(framesAt(1.5, 30)).toBe(45);
    expect(framesAt(0.001, 30)).toBe(1);
    expect(framesAt(61 / 60, 30)).toBe(31);
  });
});

describe('checkInputCovers', () => {
  it("takes any length up to the input's, to the model's frame", () => {
    expect(() => checkInputCovers(1.5, 1.5, 30)).not.toThrow();
    expect(() => checkInputCovers(1.51, 1.5, 30)).not.toThrow(); // still frame 45 at 30 fps
    expect(() => checkInputCovers(61 / 60, 61 / 60, 30)).not.toThrow();
  });

  it('refuses a longer one with the longest it would take', () => {
    const check = () => checkInputCovers(6.5, 6, 30);
    expect(check).toThrow(InvalidRequestError);
    expect(check).toThrow(
      'seconds is 6.5, but the input is only 6.00 s long; ask for at most 6.00 s, or leave seconds out to get the whole input',
    );
  });

  it('never suggests a length it would refuse', () => {
    // 5.998 s shows as 6.00, which at 1000 fps is two frames too many: it shows 5.99 instead.
    expect(() => checkInputCovers(7, 5.998, 1000)).toThrow(/ask for at most 5\.99 s/);
    expect(() => checkInputCovers(5.99, 5.998, 1000)).not.toThrow();
  });
});
