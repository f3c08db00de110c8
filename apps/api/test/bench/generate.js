#!/usr/bin/env node
// `npm run bench:generate`: runs generate-bench.ts with the same TypeScript loader as the `loris` command.
// Options: `npm run bench:generate -- --help`.
require('../../../../tools/bin/loris.js').registerTypeScript();
Promise.resolve()
  .then(() => require('./generate-bench.ts').main(process.argv))
  .catch((error) => {
    // A failed setup (database, build, a module that does not load) is said in one line; LORIS_DEBUG=1 adds the stack.
    process.stderr.write(`bench:generate failed: ${process.env.LORIS_DEBUG ? error.stack : error.message}\n`);
    process.exitCode = 1;
  });
