import { encodeNpyFloat32 } from '@loris/synth';
import {
  manifestLine,
  poseFeatureFrames,
  trainerRhythm,
  untrainableReason,
  type ExportedSegment,
} from './trainer-manifest';

const segment = (overrides: Partial<ExportedSegment> = {}): ExportedSegment => ({
  id: 'seg-1',
  videoId: 'video-1',
  startSeconds: 5,
  lengthSeconds: 25,
  category: 'DANCE',
  genre: 'Pop',
  flags: [],
  audio: { url: '/v1/media/a' },
  poses: { url: '/v1/media/p' },
  poseFeatures: { url: '/v1/media/f' },
  visualRhythm: { url: '/v1/media/r' },
  i3dFeatures: null,
  ...overrides,
});

describe('the trainer manifest an export writes', () => {
  it('names the files beside the manifest and uses the trainer’s split names', () => {
    expect(manifestLine(segment(), 'VALID')).toEqual({
      id: 'seg-1',
      audio: 'audio/seg-1.wav',
      poses: 'poses/seg-1.json',
      features: 'features/seg-1.npy',
      rhythm: 'rhythm/seg-1.json',
      genre: 'Pop',
      split: 'val',
      seconds: 25,
      videoId: 'video-1',
      startSeconds: 5,
    });
    expect(manifestLine(segment({ visualRhythm: null }), 'TRAIN')).toMatchObject({
      split: 'train',
      rhythm: null,
    });
    expect(manifestLine(segment(), 'TEST').split).toBe('test');
    expect(() => manifestLine(segment(), 'HOLDOUT')).toThrow('unknown split HOLDOUT');
  });

  it('leaves out, with the reason, a segment without genre or pose features', () => {
    expect(untrainableReason(segment())).toBeNull();
    expect(untrainableReason(segment({ genre: null }))).toMatch(/no genre/);
    expect(untrainableReason(segment({ poseFeatures: null, visualRhythm: null, flags: ['no_person'] }))).toBe(
      'no person was found in it, so it has no pose features or rhythm to train on',
    );
    expect(untrainableReason(segment({ poseFeatures: null }))).toBe('it has no pose features');
  });

  it('rebuilds the trainer’s binary peaks from the stored peak frames (frame offset 1)', () => {
    const stored = {
      variant: 'paper',
      params: { bins: 10 },
      fps: 10,
      frameOffset: 1,
      envelope: [0, 0.5, 1, 0.2, 0.9, 0],
      peakFrames: [3, 5],
      peakTimes: [0.3, 0.5],
    };
    expect(trainerRhythm(stored)).toEqual({
      variant: 'paper',
      fps: 10,
      envelope: [0, 0.5, 1, 0.2, 0.9, 0],
      peaks: [0, 0, 1, 0, 1, 0],
    });
    expect(() => trainerRhythm({ ...stored, peakFrames: [7] })).toThrow(
      "the visual rhythm's peak frame 7 is outside its 6 envelope values",
    );
    expect(() => trainerRhythm({ ...stored, envelope: undefined })).toThrow('has no envelope');
    expect(() => trainerRhythm(null)).toThrow('names no variant');
  });

  it('checks that the stored pose features are float32 [frames, 68], as the trainer loads them', () => {
    expect(poseFeatureFrames(encodeNpyFloat32(new Float32Array(250 * 68), [250, 68]))).toBe(250);
    expect(() => poseFeatureFrames(encodeNpyFloat32(new Float32Array(250 * 34), [250, 34]))).toThrow(
      /must be float32 \[frames, 68\] in C order; the file's header says \{'descr': '<f4', 'fortran_order': False, 'shape': \(250, 34\), \}/,
    );
    expect(() => poseFeatureFrames(Buffer.from('{"fps": 30}'))).toThrow('not a .npy file');
  });
});
