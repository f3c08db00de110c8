#!/usr/bin/env node
// `npm run bench:long`: runs long.bench.ts with the `loris` command's TypeScript loader.
require('../../../tools/bin/loris.js').registerTypeScript();
require('./long.bench.ts')
  .main()
  .catch((error) => {
    process.stderr.write(`bench:long failed: ${error.stack}\n`);
    process.exitCode = 1;
  });
