import { GenerationCancelledError, ModelSessionError } from '@loris/inference';
import { InvalidMedia, MediaCancelled, MediaToolFailed, NoPersonFound } from '@loris/media';
import { describeFailure } from './job-failure';

describe('describeFailure', () => {
  it('treats an abort seen by pose estimation or by the sampler as a cancellation, never a failure', () => {
    expect(describeFailure(new MediaCancelled())).toEqual({ cancelled: true });
    expect(describeFailure(new GenerationCancelledError(3))).toEqual({ cancelled: true });
  });

  it("reports faults of the input with the library's code and message, without retrying", () => {
    expect(describeFailure(new NoPersonFound(0.1, 0.5))).toEqual({
      cancelled: false,
      code: 'NO_PERSON_FOUND',
      message: expect.stringMatching(/No person was found/),
      retryable: false,
    });
    expect(describeFailure(new InvalidMedia('MEDIA_CORRUPT', 'The video is damaged'))).toEqual({
      cancelled: false,
      code: 'MEDIA_CORRUPT',
      message: 'The video is damaged',
      retryable: false,
    });
  });

  it('retries our own faults and tells the user only that it was on our side', () => {
    for (const error of [
      new MediaToolFailed('ffmpeg', 'ffmpeg exited 1: /usr/lib/x86_64-linux-gnu/libavcodec.so'),
      new ModelSessionError('denoiser.onnx could not be opened by onnxruntime'),
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    ]) {
      const failure = describeFailure(error);
      expect(failure).toEqual({
        cancelled: false,
        code: 'GENERATION_FAILED',
        message: expect.stringMatching(/fault on our side/),
        retryable: true,
      });
    }
  });
});
