import { GenerationEta } from './generation-eta';

describe('GenerationEta', () => {
  it('says nothing until it has seen the sampler take a step, then extrapolates its rate', () => {
    let now = 1_000;
    const eta = new GenerationEta(() => now);
    // Step 1 of 50 ends after the encoder's long first run: not a rate yet.
    expect(eta.observe(1 / 50)).toBeUndefined();
    now += 200;
    // One step in 200 ms, 48 to go: 9.6 s.
    expect(eta.observe(2 / 50)).toBe(9.6);
    now += 600;
    // Four steps in 800 ms since the first: 200 ms each, 45 to go.
    expect(eta.observe(5 / 50)).toBe(9);
  });

  it('follows a slower sampler: the rate is measured, not assumed', () => {
    let now = 0;
    const eta = new GenerationEta(() => now);
    eta.observe(1 / 10);
    now += 3_000;
    expect(eta.observe(2 / 10)).toBe(24);
  });

  it('is 0 once every step is done', () => {
    let now = 0;
    const eta = new GenerationEta(() => now);
    eta.observe(1 / 3);
    now += 100;
    expect(eta.observe(1)).toBe(0);
  });
});
