import { InvalidPoseTrack } from '@loris/rhythm';
import { InvalidRequestError } from '../inference.errors';
import { swayingPoses } from '../testing/parity-fixture.testing';
import { isRawPoseTrack, parsePoseTrack } from './parse-pose-track';

const track = swayingPoses(0.5);
const json = JSON.stringify(track);

describe('parsePoseTrack', () => {
  it('parses text and UTF-8 bytes to the same track', () => {
    expect(parsePoseTrack(json)).toEqual(track);
    expect(parsePoseTrack(Buffer.from(json))).toEqual(track);
    expect(parsePoseTrack(new TextEncoder().encode(json))).toEqual(track);
  });

  it('drops a leading byte-order mark, from text and from bytes', () => {
    expect(parsePoseTrack(`\uFEFF${json}`)).toEqual(track);
    expect(parsePoseTrack(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]))).toEqual(
      track,
    );
  });

  it('says text that is not JSON is not JSON, as an InvalidRequestError on poses', () => {
    const parse = () => parsePoseTrack('{"fps": 30, "keypoints": [');
    expect(parse).toThrow(InvalidRequestError);
    expect(parse).toThrow(/^poses is not valid JSON \(.*\); expected \{fps, keypoints: \[T\]\[17\]\[3\]\}$/);
    expect(() => parsePoseTrack('')).toThrow(/poses is not valid JSON/);
  });

  it("lets libs/rhythm's InvalidPoseTrack through for JSON that is not a usable track", () => {
    expect(() => parsePoseTrack('[1, 2, 3]')).toThrow(InvalidPoseTrack);
    const twoFrames = { fps: 30, keypoints: track.keypoints.slice(0, 2) };
    expect(() => parsePoseTrack(JSON.stringify(twoFrames))).toThrow(/at least 3 are needed/);
  });
});

describe('isRawPoseTrack', () => {
  it('tells text and bytes from a parsed track', () => {
    expect([json, Buffer.from(json), new Uint8Array(1)].every(isRawPoseTrack)).toBe(true);
    expect([track, null, undefined, 3].some(isRawPoseTrack)).toBe(false);
  });
});
