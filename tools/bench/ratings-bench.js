// `npm run bench:ratings`: the rater API of MOS campaigns (issue 17) under a crowd. The built API (one
// process, NODE_ENV=production) on a fresh database; one tenant's campaign seeded straight into the tables
// (4 systems x 60 items, a trapping clip, 10 votes per clip, 12 clips per session: the vote path is
// measured, not the worker's preparation), then RATERS (default 200) concurrent raters over real HTTP:
// start from the campaign link, consent, pass the hearing check by measuring the three tones, and rate
// every clip: play, wait the clip's length (BENCH_CLIP_SECONDS, default 8), ended, think (BENCH_THINK_MS
// on average, default 1000), vote. One vote in ten is sent twice at once (a double click). Prints vote
// latency (p50, p95, p99; goal p99 < 100 ms on 2 cores) and the API's CPU per request, and checks the votes
// in the database against the votes sent: zero lost, zero counted twice. BENCH_CLIP_SECONDS=0
// BENCH_THINK_MS=0 sends everything back to back (a stress test: then latency is queueing). The rater rate
// limits are raised (one IP sends it all).
const { spawn } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');

const { root, cpuSeconds, deleteKeys, freePort, waitForHealth } = require('./bench-support');
const RATERS = Number(process.env.RATERS || 200);
const SYSTEMS = 4;
const ITEMS = 60;
// Each rater listens before it answers: the clip's length between play and ended (P.808 clips last 5-10 s),
// then THINK_MS before the vote. BENCH_CLIP_SECONDS=0 sends everything back to back (a stress test).
const CLIP_SECONDS = Number(process.env.BENCH_CLIP_SECONDS ?? 8);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const STORED_SECONDS = Math.max(CLIP_SECONDS, 0.1);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  if (!existsSync(path.join(root, 'dist/apps/api/src/main.js'))) {
    throw new Error('The API is not built: run `npm run build` first');
  }
  require('../register-paths');
  const db = require(path.join(root, 'dist/libs/db/src/index.js'));
  const { readWav } = require(path.join(root, 'dist/libs/audio/src/index.js'));
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
  const api = spawn(process.execPath, ['-r', './tools/register-paths.js', 'dist/apps/api/src/main.js'], {
    cwd: root,
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
      RATER_RATE_LIMIT_PER_IP: '1000000000',
      RATER_RATE_LIMIT_PER_TOKEN: '1000000000',
    },
  });
  const owner = new Client({ connectionString: config.ownerUrl });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${baseUrl}/healthz`);
    await owner.connect();
    const link = await seed(baseUrl, owner);
    console.log(`API pid ${api.pid} on ${baseUrl}; ${RATERS} concurrent raters, ${SYSTEMS * ITEMS} clips\n`);
    const voteMs = [];
    const otherMs = [];
    let sent = 0;
    let failures = 0;
    const cpuBefore = cpuSeconds(api.pid);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: RATERS }, async (_, r) => {
        try {
          // Awaited first: `sent += await ...` would read `sent` before the await and lose the others' votes.
          const accepted = await rater(baseUrl, link, r, readWav, voteMs, otherMs);
          sent += accepted;
        } catch (error) {
          failures += 1;
          if (failures <= 3) console.error(`rater ${r}: ${error.message}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(api.pid) - cpuBefore;
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n, count(DISTINCT (session_id, stimulus_id))::int AS distinct_n FROM ratings`,
    );
    const { rows: done } = await owner.query(
      `SELECT count(*)::int AS n FROM rater_sessions WHERE completed_at IS NOT NULL`,
    );
    const { rows: spread } = await owner.query(
      `SELECT min(n)::int AS min, max(n)::int AS max FROM (SELECT st.id, count(r.id) AS n FROM rating_stimuli st
         LEFT JOIN ratings r ON r.stimulus_id = st.id WHERE st.kind = 'TEST' GROUP BY st.id) x`,
    );
    const q = (list, p) => {
      const sorted = [...list].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
    };
    console.log(
      `raters finished        ${done[0].n} of ${RATERS} (${failures} failed) in ${seconds.toFixed(1)} s`,
    );
    console.log(
      `vote latency           p50 ${q(voteMs, 50).toFixed(1)} ms   p95 ${q(voteMs, 95).toFixed(1)} ms   p99 ${q(voteMs, 99).toFixed(1)} ms   max ${Math.max(...voteMs).toFixed(1)} ms   (${voteMs.length} vote requests, ${(voteMs.length / seconds).toFixed(0)}/s)`,
    );
    console.log(
      `other rater requests   p50 ${q(otherMs, 50).toFixed(1)} ms   p99 ${q(otherMs, 99).toFixed(1)} ms   (${otherMs.length} requests)`,
    );
    console.log(
      `API CPU                ${((cpu * 1000) / (voteMs.length + otherMs.length)).toFixed(2)} ms per request (${cpu.toFixed(1)} s over ${seconds.toFixed(0)} s)`,
    );
    console.log(`votes sent (distinct)  ${sent}`);
    console.log(`votes in the database  ${rows[0].n} (${rows[0].distinct_n} distinct session x clip)`);
    console.log(`votes per test clip    ${spread[0].min} to ${spread[0].max} (target 10)`);
    console.log(
      `load average           ${require('node:os')
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (2 cores)`,
    );
    const ok = rows[0].n === sent && rows[0].distinct_n === sent && failures === 0;
    console.log(
      ok
        ? '\nOK: no vote lost, none counted twice'
        : '\nMISMATCH: votes in the database differ from the votes sent',
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await owner.end().catch(() => undefined);
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await db.dropDatabase(config.ownerUrl);
    await deleteKeys(prefix);
  }
}

/** One rater's whole session; resolves with the number of distinct votes it had accepted. */
async function rater(baseUrl, link, index, readWav, voteMs, otherMs) {
  let token;
  const call = async (method, route, body, times = otherMs) => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/rate/api${route}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    times.push(performance.now() - t0);
    if (res.status >= 300)
      throw new Error(`${method} ${route}: ${res.status} ${bytes.toString('utf8').slice(0, 200)}`);
    return { res, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
  };
  // Raters arrive over the first clip's length, not all in the same millisecond.
  await sleep(Math.random() * (CLIP_SECONDS * 1000 + THINK_MS));
  const started = (await call('POST', '/sessions', { link })).json();
  token = started.sessionToken;
  let state = (await call('POST', '/session/consent')).json();
  // The hearing check is passed once per link and IP: every bench rater after the first skips it.
  if (state.stage === 'QUALIFICATION') state = await qualify(call, readWav);
  let votes = 0;
  let n = 0;
  while (state.clip) {
    const id = state.clip.id;
    await call('POST', `/clips/${id}/playback`, { event: 'play', mediaSeconds: 0 });
    await sleep(CLIP_SECONDS * 1000);
    await call('POST', `/clips/${id}/playback`, { event: 'ended', mediaSeconds: CLIP_SECONDS });
    await sleep(THINK_MS * Math.random() * 2);
    const score = 1 + ((index + n++) % 5);
    const sends = (index + n) % 10 === 0 ? 2 : 1;
    const replies = await Promise.all(
      Array.from({ length: sends }, () => call('POST', `/clips/${id}/vote`, { score }, voteMs)),
    );
    state = replies[0].json();
    votes += 1;
  }
  if (!state.completionCode) throw new Error('the session ended without a completion code');
  return votes;
}

/** The hearing check as an ear does it: the quietest of the three tones. */
async function qualify(call, readWav) {
  const levels = [];
  for (let i = 0; i < 3; i++) {
    const samples = readWav((await call('GET', `/session/hearing/${i}`)).bytes).channels[0];
    levels.push(samples.reduce((s, v) => s + v * v, 0));
  }
  const answer = { hearing: levels.indexOf(Math.min(...levels)), digits: '' };
  return (await call('POST', '/session/qualification', answer)).json();
}

/** A tenant (signed up over GraphQL) and an OPEN campaign written straight into its tables. */
async function seed(baseUrl, owner) {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($i: SignUpInput!) { signUp(input: $i) { tenant { id } } }',
      variables: {
        i: { email: `bench-${Date.now()}@example.com`, password: 'bench password 123', tenantName: 'Bench' },
      },
    }),
  });
  const tenantId = (await res.json()).data.signUp.tenant.id;
  const link = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(link).digest('hex');
  const screening = JSON.stringify({
    traps: true,
    gold: true,
    goldTolerance: 1,
    tooFast: true,
    sameAnswer: true,
    minPearsonR: 0.25,
  });
  const { rows } = await owner.query(
    `INSERT INTO rating_campaigns (tenant_id, name, question, labels, votes_per_clip, clips_per_session, traps_per_session,
        gold_per_session, screening, session_timeout_seconds, status, link_token_hash, opened_at)
     VALUES ($1, 'bench', 'How good?', '{Bad,Poor,Fair,Good,Excellent}', 10, 12, 1, 0, $2, 3600, 'OPEN', $3, now()) RETURNING id`,
    [tenantId, screening, hash],
  );
  const campaignId = rows[0].id;
  await owner.query(
    `INSERT INTO rating_systems (tenant_id, campaign_id, ordinal, label, kind)
     SELECT $1, $2, s, 'system ' || s, 'GROUND_TRUTH' FROM generate_series(0, $3 - 1) s`,
    [tenantId, campaignId, SYSTEMS],
  );
  await owner.query(
    `INSERT INTO rating_items (tenant_id, campaign_id, ordinal, seconds) SELECT $1, $2, i, $4 FROM generate_series(0, $3 - 1) i`,
    [tenantId, campaignId, ITEMS, STORED_SECONDS],
  );
  await owner.query(
    `INSERT INTO rating_stimuli (tenant_id, campaign_id, kind, system_id, item_id, seconds, ordinal)
     SELECT $1, $2, 'TEST', s.id, i.id, $4, i.ordinal * $3 + s.ordinal FROM rating_systems s, rating_items i
      WHERE s.campaign_id = $2 AND i.campaign_id = $2`,
    [tenantId, campaignId, SYSTEMS, STORED_SECONDS],
  );
  await owner.query(
    `INSERT INTO rating_stimuli (tenant_id, campaign_id, kind, seconds, expected_score, ordinal) VALUES ($1, $2, 'TRAP', $3, 3, 0)`,
    [tenantId, campaignId, STORED_SECONDS],
  );
  return link;
}

main().catch((error) => {
  console.error(`bench:ratings failed: ${error.message}`);
  process.exit(1);
});
