import { InvalidPoseTrack } from '@loris/rhythm';
import { InvalidRequestError } from '../inference.errors';
import { parityContract, swayingPoses } from '../testing/parity-fixture.testing';
import { conditionsFromPoses } from './conditions';
import { prepareGeneration } from './prepare-generation';

const contract = parityContract();
const track = swayingPoses(100 / 30); // 100 frames: 3.333... s
const json = JSON.stringify(track);

describe('prepareGeneration', () => {
  it("defaults to the track's own length and the card's settings", () => {
    const prepared = prepareGeneration(contract, { poses: track, genre: 'Krump' });
    expect(prepared.seconds).toBe(100 / 30);
    expect(prepared.settings).toEqual({ seed: 0, steps: 50, sampler: 'adpm2', guidance: 20 });
    expect(prepared.conditions).toEqual(conditionsFromPoses(contract, track, 'Krump', 100 / 30));
  });

  it('gives the same request from the parsed track, its text, its bytes, with or without a byte-order mark', () => {
    const parsed = prepareGeneration(contract, { poses: track, genre: 'Pop', seconds: 2, seed: 4 });
    for (const poses of [json, `\uFEFF${json}`, Buffer.from(json), Buffer.from(`\uFEFF${json}`)]) {
      expect(prepareGeneration(contract, { poses, genre: 'Pop', seconds: 2, seed: 4 })).toEqual(parsed);
    }
  });

  it('refuses what resolveSoundtrackRequest and parsePoseTrack refuse', () => {
    expect(() => prepareGeneration(contract, { poses: '{', genre: 'Pop' })).toThrow(
      /^poses is not valid JSON/,
    );
    expect(() => prepareGeneration(contract, { poses: '{}', genre: 'Pop' })).toThrow(InvalidPoseTrack);
    expect(() => prepareGeneration(contract, { poses: track, genre: 'Pop', seconds: 4 })).toThrow(
      InvalidRequestError,
    );
  });
});
