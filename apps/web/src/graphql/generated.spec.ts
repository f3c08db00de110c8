import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The committed client must be what apps/api/schema.graphql and the documents produce now: a renamed field
// on the API fails here, before any browser test.
describe('generated GraphQL client', () => {
  it('is up to date with the API schema and the documents', () => {
    const script = join(__dirname, '..', '..', 'scripts', 'codegen.mjs');
    const run = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 90_000);
});
