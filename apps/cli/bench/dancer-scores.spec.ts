import { join } from 'path';
import { beatGrid, readDancers } from './dancer-scores';

describe('beatGrid', () => {
  it('puts a beat every 60 / bpm s from 0, below the clip length', () => {
    expect(beatGrid(120, 2)).toEqual([0, 0.5, 1, 1.5]);
    const grid = beatGrid(140, 50);
    expect(grid).toHaveLength(117);
    expect(grid[116]).toBeCloseTo((116 * 60) / 140, 12);
  });
});

describe('readDancers', () => {
  it("reads the reference dancers with each clip's length", () => {
    const dancers = readDancers(
      join(__dirname, '..', '..', '..', 'libs', 'rhythm', 'fixtures', 'poses.json'),
    );
    expect(dancers.map((d) => [d.name, d.bpm, d.seconds])).toEqual([
      ['dancer0', 100, 25],
      ['dancer1', 128, 25],
      ['dancer2', 75, 25],
      ['dancer3', 140, 50],
    ]);
  });
});
