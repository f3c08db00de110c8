import { checkItemVideos } from './campaign-input';
import { InvalidRatingCampaignError } from './ratings.exception';

describe('checkItemVideos', () => {
  const withVideo = { segmentId: 'seg-a', videoArtifactId: 'video-a' };

  it('takes any items for AUDIO, and items that all have a video for AUDIO_VIDEO', () => {
    expect(() => checkItemVideos('AUDIO', [{ segmentId: 'seg-b', videoArtifactId: null }])).not.toThrow();
    expect(() => checkItemVideos('AUDIO_VIDEO', [withVideo, withVideo])).not.toThrow();
  });

  it('refuses AUDIO_VIDEO naming the items without a video and why', () => {
    const call = () =>
      checkItemVideos('AUDIO_VIDEO', [
        withVideo,
        { segmentId: 'seg-b', videoArtifactId: null },
        { segmentId: null, videoArtifactId: null },
      ]);
    expect(call).toThrow(InvalidRatingCampaignError);
    expect(call).toThrow(
      "presentation AUDIO_VIDEO shows every clip with its item's video, and 2 of 3 items have none: item 2 (segment seg-b, imported without its source video), item 3 (items.uploads[2] has no videoUploadId). Choose AUDIO, or items that have their video",
    );
  });

  it('names three items and counts the rest', () => {
    const none = Array.from({ length: 5 }, () => ({ segmentId: null, videoArtifactId: null }));
    expect(() => checkItemVideos('AUDIO_VIDEO', none)).toThrow(
      /, item 3 \(items\.uploads\[2\] has no videoUploadId\) and 2 more\./,
    );
  });
});
