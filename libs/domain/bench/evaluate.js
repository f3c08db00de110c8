#!/usr/bin/env node
// `npm run bench:evaluate`: runs evaluate.bench.ts with the `loris` command's TypeScript loader.
require('../../../tools/bin/loris.js').registerTypeScript();
require('./evaluate.bench.ts')
  .main(process.argv)
  .catch((error) => {
    process.stderr.write(`bench:evaluate failed: ${error.stack}\n`);
    process.exitCode = 1;
  });
