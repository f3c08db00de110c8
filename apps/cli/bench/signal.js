#!/usr/bin/env node
// `npm run bench:signal`: runs signal-bench.ts with the same TypeScript loader as the `loris` command.
require('../../../tools/bin/loris.js').registerTypeScript();
require('./signal-bench.ts')
  .main()
  .catch((error) => {
    process.stderr.write(`bench:signal failed: ${error.stack}\n`);
    process.exitCode = 1;
  });
