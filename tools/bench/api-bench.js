// `npm run bench:api`: throughput and latency of the built API (one process, NODE_ENV=production) on a
// fresh database, with autocannon: 50 connections for 10 s against `me` with an API key, then against
// `datasets(first: 20)`. Prints requests/s, p50 and p99. Goal on a 2-core machine: >= 1000 req/s and
// p99 < 100 ms for `me`. Rate limits are raised for the run (the bench is one key hammering one API).
// BENCH_TRACING=1 runs the API with tracing on, exporting to an OTLP/HTTP receiver this script starts (it
// counts the spans it is sent), so the two runs' API CPU per request give tracing's cost.
const { spawn } = require('node:child_process');
const http = require('node:http');
const { randomBytes } = require('node:crypto');
const { existsSync } = require('node:fs');
const path = require('node:path');
const autocannon = require('autocannon');

const { root, cpuSeconds, deleteKeys, freePort, waitForHealth } = require('./bench-support');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S || 10);

async function main() {
  if (!existsSync(path.join(root, 'dist/apps/api/src/main.js'))) {
    throw new Error('The API is not built: run `npm run build` first');
  }
  require('../register-paths');
  const db = require(path.join(root, 'dist/libs/db/src/index.js'));
  const base = db.databaseConfigFromEnv();
  const name = `loris_bench_${process.pid}_${Date.now()}`;
  const config = {
    ...base,
    ownerUrl: db.withDatabase(base.ownerUrl, name),
    appUrl: db.withDatabase(base.appUrl, name),
  };
  await db.setupDatabase(config);

  const port = await freePort();
  const prefix = name;
  const receiver = process.env.BENCH_TRACING === '1' ? await otlpReceiver() : null;
  const api = spawn(process.execPath, ['-r', './tools/register-paths.js', 'dist/apps/api/src/main.js'], {
    cwd: root,
    // API logs stay out of the report (shutdown with requests in flight logs refusals).
    stdio: 'ignore',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: config.ownerUrl,
      DATABASE_APP_URL: config.appUrl,
      API_PORT: String(port),
      REDIS_KEY_PREFIX: prefix,
      RATE_LIMIT_MAX: '1000000000',
      ...(receiver ? { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } : {}),
    },
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitForHealth(`http://127.0.0.1:${port}/healthz`);
    const { apiKey } = await seed(url);
    console.log(
      `API pid ${api.pid} on ${url}; ${CONNECTIONS} connections, ${DURATION_S} s per scenario; ` +
        `tracing ${receiver ? `on, exported to ${receiver.url}` : 'off'}\n`,
    );
    const scenarios = [
      ['me (API key)', '{ me { role tenant { id name } apiKey { id } } }'],
      [
        'datasets(first: 20) (API key)',
        '{ datasets(first: 20) { edges { cursor node { id name category createdAt } } pageInfo { hasNextPage endCursor } } }',
      ],
    ];
    for (const [label, query] of scenarios) {
      await run(url, apiKey, query, 2); // warm-up: JIT, pool connections
      const cpuBefore = cpuSeconds(api.pid);
      const r = await run(url, apiKey, query, DURATION_S);
      const cpuMs = ((cpuSeconds(api.pid) - cpuBefore) * 1000) / r.requests.total;
      const bad = r.non2xx + r.errors + r.timeouts;
      console.log(
        `${label.padEnd(32)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   ` +
          `p99 ${String(r.latency.p99).padStart(4)} ms   API CPU ${cpuMs.toFixed(2)} ms/req   ` +
          `(${r.requests.total} requests, ${bad} failed)`,
      );
    }
    console.log(
      `\nload average during the run: ${require('node:os')
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (2 cores)`,
    );
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    if (receiver) {
      console.log(`OTLP receiver: ${receiver.stats.requests} exports, ${receiver.stats.bytes} bytes`);
      receiver.server.close();
    }
    await db.dropDatabase(config.ownerUrl);
    await deleteKeys(prefix);
  }
}

/** An OTLP/HTTP endpoint that takes trace exports and counts them, as a collector would receive them. */
async function otlpReceiver() {
  const stats = { requests: 0, bytes: 0 };
  const server = http.createServer((req, res) => {
    req.on('data', (chunk) => (stats.bytes += chunk.length));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') stats.requests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, stats, server };
}

function run(url, apiKey, query, duration) {
  return autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration,
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query }),
  });
}

async function gql(url, query, variables, headers = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(`seed request failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A tenant, an OWNER key and 30 datasets; checks both bench queries answer data, not errors. */
async function seed(url) {
  const { signUp } = await gql(url, 'mutation($i: SignUpInput!) { signUp(input: $i) { token } }', {
    i: { email: `bench-${Date.now()}@example.com`, password: 'bench password 123', tenantName: 'Bench' },
  });
  const auth = { authorization: `Bearer ${signUp.token}` };
  const { createApiKey } = await gql(
    url,
    'mutation { createApiKey(input: { name: "bench", role: OWNER }) { secret } }',
    {},
    auth,
  );
  for (let i = 0; i < 30; i++) {
    await gql(
      url,
      'mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }',
      { i: { name: `set ${i}`, category: 'DANCE' } },
      auth,
    );
  }
  const key = { 'x-api-key': createApiKey.secret };
  const page = await gql(url, '{ datasets(first: 20) { edges { cursor } } }', {}, key);
  if (page.datasets.edges.length !== 20) throw new Error('seeding failed: expected a page of 20 datasets');
  await gql(url, '{ me { role } }', {}, key);
  return { apiKey: createApiKey.secret };
}

main().catch((error) => {
  console.error(`bench:api failed: ${error.message}`);
  process.exit(1);
});
