import { followedVideoIds, followedVideosHref, maxFollowedVideos } from './followed-videos';

const a = '0b7c6a52-8a5e-4c1e-9d7e-0f6b1d2c3a4b';
const b = '1c8d7b63-9b6f-4d2f-8e8f-1a7c2e3d4b5c';

describe('followedVideoIds', () => {
  it('takes each id once', () => {
    expect(
      followedVideoIds(
        new URLSearchParams([
          ['id', a],
          ['id', b],
          ['id', a],
        ]),
      ),
    ).toEqual({ ids: [a, b] });
  });

  it('says what is wrong with the request', () => {
    expect(followedVideoIds(new URLSearchParams())).toEqual({
      problem: 'Name at least one video to follow, as ?id=<video id>.',
    });
    expect(followedVideoIds(new URLSearchParams([['id', '../uploads']]))).toEqual({
      problem: '"../uploads" is not a video id.',
    });
    const many = Array.from({ length: maxFollowedVideos + 1 }, (_, i) => [
      'id',
      `${a.slice(0, -4)}${String(i).padStart(4, '0')}`,
    ]);
    expect(followedVideoIds(new URLSearchParams(many))).toHaveProperty('problem');
  });
});

describe('followedVideosHref', () => {
  it('names the dataset and each video, or nothing when none is left', () => {
    expect(followedVideosHref('d1', [a, b])).toBe(`/datasets/d1/events?id=${a}&id=${b}`);
    expect(followedVideosHref('d1', [])).toBeNull();
  });
});
