import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// trainer-config-schema.json is what `python3 -m loris_trainer config-schema` prints; the API validates
// overrides against it without Python. This fails while the committed copy is stale: regenerate it with
// `npm run trainer:config-schema`.
const ROOT = join(__dirname, '..', '..', '..', '..', '..');

it('trainer-config-schema.json is the trainer’s current schema', () => {
  const printed = execFileSync('/usr/bin/python3', ['-m', 'loris_trainer', 'config-schema'], {
    cwd: join(ROOT, 'apps', 'trainer'),
    encoding: 'utf8',
  });
  const committed = readFileSync(join(__dirname, 'trainer-config-schema.json'), 'utf8');
  expect(JSON.parse(committed)).toEqual(JSON.parse(printed));
  expect(Object.keys(JSON.parse(printed).keys)).toContain('train.batch_size');
});
