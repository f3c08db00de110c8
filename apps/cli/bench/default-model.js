#!/usr/bin/env node
// `npm run bench:default-model`: runs default-model.bench.ts with the `loris` command's TypeScript loader.
require('../../../tools/bin/loris.js').registerTypeScript();
require('./default-model.bench.ts')
  .main(process.argv)
  .catch((error) => {
    process.stderr.write(`bench:default-model failed: ${error.stack}\n`);
    process.exitCode = 1;
  });
