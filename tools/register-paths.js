// Resolves the @loris/* aliases of tsconfig.base.json against the compiled tree in dist/, so the built
// apps (node dist/apps/...) find the libs the same way TypeScript and jest do.
const path = require('path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.base.json');

const distRoot = path.join(__dirname, '..', 'dist');
const paths = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  paths[alias] = [target.replace(/\.ts$/, '.js')];
}
register({ baseUrl: distRoot, paths });
