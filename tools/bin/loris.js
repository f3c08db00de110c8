#!/usr/bin/env node
// The `loris` command. It runs the CLI's TypeScript sources directly so `npx loris` works right after
// `npm ci` with no build step: sucrase strips the types as each file is required (no type check, a few ms
// per run), and tsconfig-paths maps the @loris/* aliases of tsconfig.base.json to libs/*/src.
const path = require('path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

require('sucrase/register/ts');
register({ baseUrl: path.join(__dirname, '..', '..'), paths: compilerOptions.paths });

require('../../apps/cli/src/main.ts')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
