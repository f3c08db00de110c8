import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { createProjectGraphAsync } from '@nx/devkit';
import tseslint from 'typescript-eslint';

// Module boundaries (ARCHITECTURE.md "Layout"): apps -> libs/domain -> libs/engine, libs/db -> compute libs,
// encoded as project tags (each project.json) and checked by @nx/enforce-module-boundaries on every import.
// The rule reads Nx's cached project graph and silently skips itself when there is none (a fresh clone), so
// the graph is computed here first: in this process (nx.json turns the daemon off), from the files on disk,
// with no network.
const projectGraph = await createProjectGraphAsync({ exitOnError: true });

const SERVER_PACKAGES = [
  '@nestjs/*',
  'typeorm',
  'typeorm/*',
  '@apollo/*',
  '@as-integrations/*',
  'graphql',
  'graphql/*',
  'graphql-ws',
  'graphql-ws/*',
  'bull',
  'bull/*',
  'ioredis',
  'ioredis/*',
  'pg',
  'pg/*',
];

const LIBS_BELOW_APPS = ['type:domain', 'type:engine', 'type:data', 'type:compute'];

// Imports the rule does not check at all: the `loris` command's TypeScript loader, a workspace script outside
// every project that the bench launchers (apps/*/bench/*.js) require by relative path.
const ALLOWED_EVERYWHERE = ['^(\\.\\./)+tools/bin/loris\\.js$'];

/** Options of @nx/enforce-module-boundaries. */
function moduleBoundaries(allow = []) {
  return {
    allow: [...ALLOWED_EVERYWHERE, ...allow],
    depConstraints: [
      // An app is a door: it may use any lib, never another app (nor a test project).
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: LIBS_BELOW_APPS },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: LIBS_BELOW_APPS },
      { sourceTag: 'type:engine', onlyDependOnLibsWithTags: ['type:data', 'type:compute'] },
      { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:compute'] },
      // Pure computation knows nothing of the server: no NestJS, GraphQL, database, queue or Redis.
      {
        sourceTag: 'type:compute',
        onlyDependOnLibsWithTags: ['type:compute'],
        bannedExternalImports: SERVER_PACKAGES,
      },
      // Integration suites, browser tests and whole-stack benches drive the real apps.
      { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
    ],
  };
}

// Projects tagged type:test (apps/api/test, e2e) may import anything, apps included. The rule itself refuses
// every relative import into another project and every import of an app whatever the tags, so for their
// files (found from the tags, not listed by hand) relative imports are left unchecked.
const testProjectFiles = Object.values(projectGraph.nodes)
  .filter((node) => node.data.tags?.includes('type:test'))
  .map((node) => `${node.data.root}/**`);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '**/.next/**',
      'apps/trainer/**',
      'models/**',
      '**/next-env.d.ts',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
    plugins: { '@nx': nx },
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries()] },
  },
  {
    files: testProjectFiles,
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries(['^\\.'])] },
  },
);
