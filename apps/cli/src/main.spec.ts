import { runLoris } from './run-loris.testing';

describe('loris', () => {
  it('lists its commands in --help', () => {
    const run = runLoris(['--help']);
    expect(run.status).toBe(0);
    for (const command of ['onsets', 'rhythm', 'metrics'])
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('exits with 2 on an unknown command', () => {
    const run = runLoris(['dance']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'dance'/);
  });
});
