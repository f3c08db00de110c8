#!/usr/bin/env node
// `npm run bench:provider-parity`: runs provider-parity.bench.ts with the `loris` command's TypeScript loader.
require('../../../tools/bin/loris.js').registerTypeScript();
require('./provider-parity.bench.ts')
  .main(process.argv)
  .catch((error) => {
    process.stderr.write(`bench:provider-parity failed: ${error.stack}\n`);
    process.exitCode = 1;
  });
