import { InvalidRequestError, RequestMismatchError } from '../inference.errors';
import { parityContract as contract } from '../testing/parity-fixture.testing';
import { checkRequest, requestLengths, roundHalfEven } from './check-request';

const request = { genre: 'House', seconds: 1 };

describe('requestLengths', () => {
  it('rounds like the trainer (half to even) and pads the waveform to the length multiple', () => {
    expect(requestLengths(contract(), 0.75)).toEqual({
      visualFrames: 6,
      rhythmTokens: 22, // 22.5 -> 22, as Python's round
      modelSamples: 8320, // ceil(8268.75) = 8269 -> 130 * 64
      outputSamples: 16538, // round(16537.5)
    });
    expect(requestLengths(contract(), 25)).toMatchObject({
      visualFrames: 200,
      rhythmTokens: 750,
      modelSamples: 275648,
    });
  });

  it('rounds halves to the even neighbour', () => {
    expect([0.5, 1.5, 2.5, 22.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 22, 2, 3]);
  });
});

describe('checkRequest', () => {
  it('accepts a request that fits', () => {
    expect(
      checkRequest(contract(), {
        ...request,
        rhythmVariant: 'paper',
        visualKind: 'pose-kinematics-v1',
        visualDim: 68,
      }),
    ).toMatchObject({ visualFrames: 8, rhythmTokens: 30 });
  });

  it('refuses an unknown genre and lists the valid ones', () => {
    const check = () => checkRequest(contract(), { ...request, genre: 'Tango' });
    expect(check).toThrow(RequestMismatchError);
    expect(check).toThrow(/genre "Tango" is not one of the model's genres: "Break", "Pop", .*"Ballet Jazz"/);
  });

  it('refuses a rhythm extracted with another variant', () => {
    expect(() => checkRequest(contract(), { ...request, rhythmVariant: 'reference' })).toThrow(
      /rhythm\.variant is "reference", the model was trained on the "paper" variant/,
    );
  });

  it('refuses visual features of another kind or size', () => {
    expect(() => checkRequest(contract(), { ...request, visualKind: 'i3d-rgb' })).toThrow(
      /visual\.kind is "i3d-rgb", the model takes "pose-kinematics-v1"/,
    );
    expect(() => checkRequest(contract(), { ...request, visualDim: 1024 })).toThrow(
      /visual\.dim is 1024, the model takes 68/,
    );
  });

  it('refuses a length a fixed-size model cannot take', () => {
    const fixed = contract((j) => (j.tensors.denoiser.inputs.x.shape = ['batch', 1, 8192]));
    expect(() => checkRequest(fixed, request)).toThrow(
      /denoiser\.x\[2\] would be 11072, the model takes exactly 8192/,
    );
    expect(checkRequest(fixed, { ...request, seconds: 8192 / 11025 }).modelSamples).toBe(8192);
  });

  it('refuses lengths that break a shared symbolic dimension', () => {
    const shared = contract(
      (j) => (j.tensors.conditioner.inputs.visual.shape = ['batch', 'rhythmTokens', 68]),
    );
    expect(() => checkRequest(shared, request)).toThrow(
      /conditioner\.rhythm\[1\] would be 30 but rhythmTokens is 8 at conditioner\.visual\[1\]/,
    );
  });

  it('refuses a non-positive length', () => {
    expect(() => checkRequest(contract(), { ...request, seconds: 0 })).toThrow(InvalidRequestError);
    expect(() => checkRequest(contract(), { ...request, seconds: Number.NaN })).toThrow(
      /seconds must be a positive number/,
    );
  });
});
