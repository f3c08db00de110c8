import { InvalidRequestError, RequestMismatchError } from '../inference.errors';
import { conditionsFromPoses } from '../pipeline/conditions';
import { parityContract, swayingPoses } from '../testing/parity-fixture.testing';
import { poseTrackSeconds } from './pose-track-seconds';
import { resolveSoundtrackRequest } from './resolve-request';

const contract = parityContract(); // pose fps 30; adpm2, 50 steps, guidance 20
const request = { genre: 'Pop', inputSeconds: 6 };

describe('resolveSoundtrackRequest', () => {
  it("fills in the input's length and the card's sampler settings, seed 0", () => {
    expect(resolveSoundtrackRequest(contract, request)).toEqual({
      genre: 'Pop',
      seconds: 6,
      settings: { seed: 0, steps: 50, sampler: 'adpm2', guidance: 20 },
    });
  });

  it('caps the default length at MAX_REQUEST_SECONDS and keeps it unrounded', () => {
    expect(resolveSoundtrackRequest(contract, { ...request, inputSeconds: 3600 }).seconds).toBe(300);
    expect(resolveSoundtrackRequest(contract, { ...request, inputSeconds: 100 / 30 }).seconds).toBe(100 / 30);
  });

  it('takes null as "the default", as the API passes absent fields', () => {
    const resolved = resolveSoundtrackRequest(contract, {
      ...request,
      seconds: null,
      seed: null,
      steps: null,
      sampler: null,
      guidance: null,
    });
    expect(resolved).toEqual(resolveSoundtrackRequest(contract, request));
  });

  it('keeps what the request gives, with the steps of the sampler it names', () => {
    const resolved = resolveSoundtrackRequest(contract, {
      ...request,
      seconds: 2.5,
      seed: 7,
      sampler: 'heun',
      guidance: 4,
    });
    expect(resolved).toEqual({
      genre: 'Pop',
      seconds: 2.5,
      settings: { seed: 7, steps: 25, sampler: 'heun', guidance: 4 },
    });
  });

  it("refuses a genre the model does not know, listing the model's", () => {
    const resolve = () => resolveSoundtrackRequest(contract, { ...request, genre: 'Tango' });
    expect(resolve).toThrow(RequestMismatchError);
    expect(resolve).toThrow(
      /genre "Tango" is not one of the model's genres: "Break", "Pop", .*"Ballet Jazz"/,
    );
  });

  it('refuses a length that is not positive, over the cap, or past the input', () => {
    for (const seconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => resolveSoundtrackRequest(contract, { ...request, seconds })).toThrow(
        /^seconds must be a positive number/,
      );
    }
    expect(() => resolveSoundtrackRequest(contract, { ...request, inputSeconds: 400, seconds: 301 })).toThrow(
      'seconds is 301; a request may be at most 300 s long',
    );
    const tooLong = () => resolveSoundtrackRequest(contract, { ...request, seconds: 6.5 });
    expect(tooLong).toThrow(InvalidRequestError);
    expect(tooLong).toThrow(/seconds is 6\.5, but the input is only 6\.00 s long; ask for at most 6\.00 s/);
  });

  it('refuses an input without a length and sampler settings out of range', () => {
    expect(() => resolveSoundtrackRequest(contract, { ...request, inputSeconds: 0 })).toThrow(
      /^input lasts 0 s/,
    );
    expect(() => resolveSoundtrackRequest(contract, { ...request, sampler: 'ddim' })).toThrow(
      /sampler must be one of adpm2, euler, heun, dpmpp-2m, got "ddim"/,
    );
    expect(() => resolveSoundtrackRequest(contract, { ...request, steps: 0 })).toThrow(/steps must be/);
  });

  it("refuses a length the model's tensors cannot take", () => {
    const fixed = parityContract((j) => (j.tensors.denoiser.inputs.x.shape = ['batch', 1, 8192]));
    expect(() => resolveSoundtrackRequest(fixed, request)).toThrow(RequestMismatchError);
    expect(resolveSoundtrackRequest(fixed, { ...request, seconds: 8192 / 11025 }).seconds).toBe(8192 / 11025);
  });

  it('takes exactly what conditionsFromPoses takes, at any fps', () => {
    const messageOf = (run: () => unknown) => {
      try {
        run();
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    for (const fps of [24, 25, 29.97, 30, 50, 60]) {
      for (const frames of [3, 4, 45, 61, 98, 181]) {
        const track = swayingPoses(frames / fps, fps);
        const inputSeconds = poseTrackSeconds(track);
        // The default (the track's own length) is taken; one model frame more is refused by both alike.
        const { seconds } = resolveSoundtrackRequest(contract, { ...request, inputSeconds });
        expect(messageOf(() => conditionsFromPoses(contract, track, 'Pop', seconds))).toBe('accepted');
        const longer = seconds + 1 / contract.pose.fps;
        const refused = messageOf(() =>
          resolveSoundtrackRequest(contract, { ...request, inputSeconds, seconds: longer }),
        );
        expect(refused).toMatch(/^seconds is .*, but the input is only/);
        expect(messageOf(() => conditionsFromPoses(contract, track, 'Pop', longer))).toBe(refused);
      }
    }
  });
});
