// Lints code snippets as if each were the file at its path, with the repository's own eslint.config.mjs,
// through ESLint's Node API (one ESLint instance, so the config and the Nx project graph load once).
// Input on stdin: [{ "filePath": "libs/rhythm/src/x.ts", "code": "..." }], paths relative to the root.
// Output on stdout: [{ "filePath", "messages": [{ ruleId, message, severity, fatal }], "rules": {id: severity} }]
// where rules are the rules the config turns on for that path. Used by module-boundaries.spec.ts: jest cannot
// load an ES module config (ESLint imports it with import(), which jest only allows under
// --experimental-vm-modules), so the spec runs this in a child process.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const snippets = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: ROOT });
const results = [];
for (const { filePath, code } of snippets) {
  const absolute = resolve(ROOT, filePath);
  const [result] = await eslint.lintText(code, { filePath: absolute, warnIgnored: true });
  const config = await eslint.calculateConfigForFile(absolute);
  const rules = Object.fromEntries(
    Object.entries(config?.rules ?? {}).map(([id, entry]) => [id, Array.isArray(entry) ? entry[0] : entry]),
  );
  const messages = result.messages.map(({ ruleId, message, severity, fatal }) => ({
    ruleId,
    message,
    severity,
    fatal: Boolean(fatal),
  }));
  results.push({ filePath, messages, rules });
}
process.stdout.write(JSON.stringify(results));
