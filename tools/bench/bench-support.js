// What the benches that run the built code share: building dist/ when a source is newer, starting and
// waiting for a server, the CPU time of a process, and cleaning their Redis keys.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

function log(line) {
  process.stderr.write(`${line}\n`);
}

/**
 * Builds dist/ when a source under libs/ is newer than `builtFile` (a path under dist/), so a bench runs the
 * code as it is.
 */
function ensureBuilt(builtFile) {
  const built = path.join(root, builtFile);
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const stale = (dir) =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name !== 'node_modules' && stale(full);
      return (
        entry.name.endsWith('.ts') &&
        !/\.(spec|testing)\.ts$/.test(entry.name) &&
        statSync(full).mtimeMs > builtAt
      );
    });
  if (builtAt && !stale(path.join(root, 'libs'))) return;
  log('building dist/ (npx tsc -p tsconfig.build.json)');
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (!existsSync(built)) throw new Error('the build failed; fix the errors above first');
}

/** User plus system CPU seconds a process has used so far (Linux /proc). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function waitForHealth(url) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API did not become healthy at ${url}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Removes a bench's Redis keys (its own key prefix) once it is done. */
async function deleteKeys(prefix) {
  const Redis = require('ioredis');
  const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

module.exports = { root, log, ensureBuilt, cpuSeconds, waitForHealth, freePort, deleteKeys };
