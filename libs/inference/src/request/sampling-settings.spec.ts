import { InvalidRequestError } from '../inference.errors';
import { parityContract } from '../testing/parity-fixture.testing';
import { samplingSettings } from './sampling-settings';

describe('samplingSettings', () => {
  const contract = parityContract(); // adpm2, 50 steps, guidance 20

  it("takes the model card's sampler, steps and guidance by default", () => {
    expect(samplingSettings(contract, {})).toEqual({ seed: 0, steps: 50, sampler: 'adpm2', guidance: 20 });
  });

  it("gives another sampler its own default steps, not the card's", () => {
    expect(samplingSettings(contract, { sampler: 'dpmpp-2m' }).steps).toBe(20);
    expect(samplingSettings(contract, { sampler: 'heun' }).steps).toBe(25);
    expect(samplingSettings(contract, { sampler: 'heun', steps: 7 }).steps).toBe(7);
  });

  it('refuses settings out of range, naming them', () => {
    expect(() => samplingSettings(contract, { steps: 0 })).toThrow(InvalidRequestError);
    expect(() => samplingSettings(contract, { seed: -1 })).toThrow(/seed must be a non-negative integer/);
    expect(() => samplingSettings(contract, { guidance: Number.NaN })).toThrow(
      /guidance must be a number >= 0/,
    );
    expect(() => samplingSettings(contract, { sampler: 'ddim' })).toThrow(
      /sampler must be one of adpm2, euler, heun, dpmpp-2m, got "ddim"/,
    );
  });
});
