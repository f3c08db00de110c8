// The module boundaries of ARCHITECTURE.md "Layout" (apps -> libs/domain -> libs/engine, libs/db -> compute
// libs) are a lint rule: this lints snippets that break them, as if they were files of the given projects,
// with the repository's eslint.config.mjs, and expects @nx/enforce-module-boundaries to refuse them, and to
// let the legal direction through (ESLint's Node API, in a child process: see lint-snippets.mjs). Without
// the rule in the config (or without the project tags it reads) the refusals below are missing and this
// fails.
import { spawnSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const RULE = '@nx/enforce-module-boundaries';

interface Linted {
  filePath: string;
  messages: { ruleId: string | null; message: string; severity: number; fatal: boolean }[];
  rules: Record<string, number | string>;
}

/** `import * as target from '<specifier>'` in a file at `filePath` (relative to the repository root). */
const importing = (filePath: string, specifier: string) => ({
  filePath,
  code: `import * as target from '${specifier}';\n\nexport const used = target;\n`,
});

const COMPUTE_LIBS = ['rhythm', 'audio', 'metrics', 'inference', 'media', 'synth', 'storage'];

/**
 * A wrong-way import between libs: refused for its tags, or, where the other lib already depends on this one
 * (the domain on the engine, say), as the dependency cycle it would close, which the rule checks first.
 */
const wrongWay = (tagMessage: string) => new RegExp(`${tagMessage}|Circular dependency between`);

const refused: { why: string; snippet: { filePath: string; code: string }; message: RegExp }[] = [
  {
    why: 'a lib importing an app',
    snippet: importing('libs/rhythm/src/x.ts', '../../../apps/api/src/main'),
    message: /cannot be imported by a relative or absolute path/,
  },
  {
    why: 'the domain importing an app',
    snippet: importing('libs/domain/src/x.ts', '../../../apps/worker/src/worker-app'),
    message: /cannot be imported by a relative or absolute path/,
  },
  {
    why: 'an app importing another app',
    snippet: importing('apps/worker/src/x.ts', '../../api/src/app.module'),
    message: /cannot be imported by a relative or absolute path/,
  },
  {
    why: 'the CLI importing the API',
    snippet: importing('apps/cli/src/x.ts', '../../api/src/api-app'),
    message: /cannot be imported by a relative or absolute path/,
  },
  {
    why: 'an app importing the integration suites',
    snippet: importing('apps/api/src/x.ts', '../test/support'),
    message: /cannot be imported by a relative or absolute path/,
  },
  ...COMPUTE_LIBS.map((lib) => ({
    why: `compute lib ${lib} importing NestJS`,
    snippet: importing(`libs/${lib}/src/x.ts`, '@nestjs/common'),
    message: /tagged with "type:compute" is not allowed to import "@nestjs\/common"/,
  })),
  ...['typeorm', 'pg', 'ioredis', 'bull', 'graphql', '@apollo/server', '@nestjs/graphql'].map((pkg) => ({
    why: `a compute lib importing ${pkg}`,
    snippet: importing('libs/rhythm/src/x.ts', pkg),
    message: new RegExp(`tagged with "type:compute" is not allowed to import "${pkg.replace('/', '\\/')}"`),
  })),
  ...['engine', 'db', 'domain'].map((lib) => ({
    why: `a compute lib importing @loris/${lib}`,
    snippet: importing('libs/inference/src/x.ts', `@loris/${lib}`),
    message: wrongWay('tagged with "type:compute" can only depend on libs tagged with "type:compute"'),
  })),
  {
    why: 'the engine importing the domain',
    snippet: importing('libs/engine/src/x.ts', '@loris/domain'),
    message: wrongWay(
      'tagged with "type:engine" can only depend on libs tagged with "type:data", "type:compute"',
    ),
  },
  {
    why: 'the database lib importing the engine',
    snippet: importing('libs/db/src/x.ts', '@loris/engine'),
    message: wrongWay('tagged with "type:data" can only depend on libs tagged with "type:compute"'),
  },
];

const allowed: { why: string; snippet: { filePath: string; code: string } }[] = [
  { why: 'an app importing the domain', snippet: importing('apps/worker/src/x.ts', '@loris/domain') },
  { why: 'an app importing the engine', snippet: importing('apps/api/src/x.ts', '@loris/engine') },
  { why: 'the CLI importing a compute lib', snippet: importing('apps/cli/src/x.ts', '@loris/inference') },
  { why: 'the domain importing the engine', snippet: importing('libs/domain/src/x.ts', '@loris/engine') },
  { why: 'the domain importing the database lib', snippet: importing('libs/domain/src/x.ts', '@loris/db') },
  { why: 'the engine importing the database lib', snippet: importing('libs/engine/src/x.ts', '@loris/db') },
  { why: 'the engine importing NestJS', snippet: importing('libs/engine/src/x.ts', '@nestjs/common') },
  { why: 'the database lib importing TypeORM', snippet: importing('libs/db/src/x.ts', 'typeorm') },
  { why: 'a compute lib importing another', snippet: importing('libs/synth/src/x.ts', '@loris/rhythm') },
  {
    why: 'a compute lib importing the AWS SDK',
    snippet: importing('libs/storage/src/x.ts', '@aws-sdk/client-s3'),
  },
  {
    why: 'an integration suite starting the worker',
    snippet: importing('apps/api/test/integration/x.spec.ts', '../../../worker/src/worker-app'),
  },
  {
    why: 'a browser test using the API test support',
    snippet: importing('e2e/x.spec.ts', '../apps/api/test/support'),
  },
];

let linted: Map<string, Linted>;

beforeAll(() => {
  const snippets = [...refused, ...allowed].map(({ snippet }) => snippet);
  const child = spawnSync(process.execPath, [join(ROOT, 'tools', 'lint', 'lint-snippets.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(snippets),
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`lint-snippets.mjs failed (${child.status}): ${child.stderr}`);
  const results = JSON.parse(child.stdout) as Linted[];
  linted = new Map(results.map((result, index) => [JSON.stringify(snippets[index]), result]));
}, 120_000);

function lint(snippet: { filePath: string; code: string }): Linted {
  const result = linted.get(JSON.stringify(snippet));
  if (!result) throw new Error(`not linted: ${snippet.filePath}`);
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  expect(result.rules[RULE]).toBe(2);
  return result;
}

describe('module boundaries', () => {
  it.each(refused)('refuse $why', ({ snippet, message }) => {
    const boundaryErrors = lint(snippet).messages.filter((m) => m.ruleId === RULE);
    expect(boundaryErrors).toEqual([
      expect.objectContaining({ severity: 2, message: expect.stringMatching(message) }),
    ]);
  });

  it.each(allowed)('allow $why', ({ snippet }) => {
    expect(lint(snippet).messages.filter((m) => m.ruleId === RULE)).toEqual([]);
  });
});
