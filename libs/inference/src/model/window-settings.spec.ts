import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelContractError } from '../inference.errors';
import { resolveSoundtrackRequest } from '../request/resolve-request';
import { parityContract } from '../testing/parity-fixture.testing';
import { parseModelContract } from './model-contract';

const DEFAULT_CARD = join(__dirname, '..', '..', '..', '..', 'models', 'default', 'model.json');

describe('the card says how long the model can go (windows)', () => {
  it("derives the shipped model's windows from its training crop, not its 23.8 s segment", () => {
    const contract = parseModelContract(JSON.parse(readFileSync(DEFAULT_CARD, 'utf8')));
    expect(contract.segmentSamples).toBe(524288);
    expect(contract.windows).toEqual({
      samples: 131072,
      overlapSamples: 32768,
      maxSeconds: 300,
      derived: true,
    });
  });

  it('derives the whole segment when the trainer did not crop (the parity model)', () => {
    expect(parityContract().windows).toEqual({
      samples: 8192,
      overlapSamples: 2048,
      maxSeconds: 300,
      derived: true,
    });
  });

  it('reads a card that states them, and checks them against its lengths', () => {
    const stated = parityContract((json) => {
      json.windows = { samples: 4096, overlapSamples: 1000, maxSeconds: 120 };
    });
    expect(stated.windows).toEqual({ samples: 4096, overlapSamples: 1000, maxSeconds: 120, derived: false });
    const bad = (windows: unknown) => () =>
      parityContract((json) => {
        json.windows = windows;
      });
    expect(bad({ samples: 4000, overlapSamples: 100, maxSeconds: 60 })).toThrow(
      /windows.samples must be a multiple/,
    );
    expect(bad({ samples: 4096, overlapSamples: 4096, maxSeconds: 60 })).toThrow(ModelContractError);
    expect(bad({ samples: 4096, overlapSamples: 100, maxSeconds: 301 })).toThrow(/windows.maxSeconds/);
  });

  it("refuses a request longer than the card's longest", () => {
    const contract = parityContract((json) => {
      json.windows = { samples: 4096, overlapSamples: 1024, maxSeconds: 20 };
    });
    const request = { genre: contract.genres[0], inputSeconds: 60 };
    expect(resolveSoundtrackRequest(contract, { ...request, seconds: 20 }).seconds).toBe(20);
    expect(() => resolveSoundtrackRequest(contract, { ...request, seconds: 20.5 })).toThrow(
      'seconds is 20.5; a request may be at most 20 s long',
    );
  });
});
