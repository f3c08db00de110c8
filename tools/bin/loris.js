#!/usr/bin/env node
// The `loris` command. It runs the CLI's TypeScript sources directly, so `npx loris` works right after
// `npm ci` with no build step: each .ts file is transpiled with sucrase (types stripped, imports to
// CommonJS, line numbers kept; no type check, which `npm run typecheck` does) and the result is cached
// under node_modules/.cache/loris-cli, keyed by a hash of the source, so later runs load plain JS and
// never load sucrase. tsconfig-paths maps the @loris/* aliases of tsconfig.base.json to libs/*/src.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

const root = path.join(__dirname, '..', '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'loris-cli');
const cacheVersion = `sucrase@${require('sucrase/package.json').version}:typescript,imports`;
let sucrase;

function transpile(source, filename) {
  const key = crypto.createHash('sha256').update(cacheVersion).update(filename).update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // Not cached yet.
  }
  sucrase = sucrase || require('sucrase');
  const { code } = sucrase.transform(source, { transforms: ['typescript', 'imports'], filePath: filename });
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, cached);
  } catch {
    // A read-only install still works, only without the cache.
  }
  return code;
}

/** Lets Node require the repository's TypeScript (CLI, libs, bench scripts) as described above. */
function registerTypeScript() {
  if (require.extensions['.ts']) return;
  require.extensions['.ts'] = (module, filename) => {
    module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
  register({ baseUrl: root, paths: compilerOptions.paths });
}

module.exports = { registerTypeScript };

if (require.main === module) {
  registerTypeScript();
  const { main } = require('../../apps/cli/src/main.ts');
  const { exitWhenFlushed } = require('../../apps/cli/src/exit-when-flushed.ts');
  // An explicit exit after every command, once its output is flushed: see exit-when-flushed.ts.
  main(process.argv).then(exitWhenFlushed);
}
