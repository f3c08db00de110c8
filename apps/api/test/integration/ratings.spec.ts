/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// MOS campaigns (issue 17) on real parts: the API and an in-process worker on a fresh database, Redis, the
// parity model generating tiny clips through the one generation path, real ffmpeg loudnorm and espeak-ng.
// A campaign is created over GraphQL from uploads, prepared on the worker and opened; two raters go
// through the public rater routes over HTTP (one attentive, one failing a trap); the scores follow. Then
// every "Security and bad input" point of the issue. The raters' "ears" for the spoken environment digits
// and for which clip is a trap are the database (an oracle for what a person hears); the hearing check is
// passed by measuring the tones, as an ear would.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { BUILTIN_MODEL_VERSION_ID, createDataSource, RaterDirectory } from '@loris/db';
import { gql, ok, RaterClient, startTestApi, synthPosesJson, TestApi, waitFor, wavSeconds } from '../support';
import { Campaign, CampaignOwner, toneWav } from './ratings-harness';
import { SoundtrackStack, startSoundtrackStack } from './soundtrack-stack';

describe('MOS campaigns end to end', () => {
  let stack: SoundtrackStack;
  let api: TestApi;
  let token: string;
  let owner: Client;
  let campaign: Campaign;
  let link: string;
  let as: CampaignOwner;

  const upload = (bytes: Buffer, type?: string) => as.upload(bytes, type);
  const create = (input: Record<string, unknown>) => as.create(input);
  const prepareAndWait = (id: string, until: (c: Campaign) => boolean) => as.prepareAndWait(id, until);
  const qualified = (rater: RaterClient, linkToken = link) => as.qualified(rater, linkToken);
  const rateAll = (rater: RaterClient, score: (kind: string, expected: number | null, i: number) => number) =>
    as.rateAll(rater, score);

  beforeAll(async () => {
    stack = await startSoundtrackStack('ratings');
    api = stack.api;
    token = stack.tenant.token;
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
    as = new CampaignOwner(api, token, owner);
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    await stack?.stop();
  });

  it('creates a campaign from a model version, ground truth and baselines, prepares it on the worker and opens it', async () => {
    const items = [];
    for (let i = 0; i < 2; i++) {
      items.push({
        posesUploadId: await upload(synthPosesJson(2, i + 1)),
        audioUploadId: await upload(toneWav(300 + 100 * i, 2), 'audio/wav'),
        genre: 'Pop',
        seconds: 1.5,
      });
    }
    const baselines = [
      await upload(toneWav(700, 2), 'audio/wav'),
      await upload(toneWav(800, 2), 'audio/wav'),
    ];
    const created = ok(
      await create({
        name: 'Tiny MOS',
        votesPerClip: 2,
        clipsPerSession: 6,
        systems: [
          {
            label: 'parity model',
            kind: 'MODEL',
            modelVersionId: BUILTIN_MODEL_VERSION_ID,
            steps: 2,
            seed: 3,
          },
          { label: 'ground truth', kind: 'GROUND_TRUTH' },
          { label: 'sine baseline', kind: 'BASELINE', baselineUploadIds: baselines },
        ],
        items: { uploads: items },
        gold: [{ uploadId: await upload(toneWav(440, 1.5), 'audio/wav'), expectedScore: 5 }],
        anchors: [
          { uploadId: await upload(toneWav(500, 1), 'audio/wav'), expectedScore: 1 },
          { uploadId: await upload(toneWav(600, 1), 'audio/wav'), expectedScore: 5 },
        ],
      }),
    ).createRatingCampaign;
    expect(created.campaign.status).toBe('DRAFT');
    expect(created.link).toMatch(/^[A-Za-z0-9_-]{43}$/);
    link = created.link;
    campaign = await prepareAndWait(created.campaign.id, (c) => c.status !== 'PREPARING');
    expect(campaign.error).toBeNull();
    expect(campaign.status).toBe('OPEN');
    // 3 systems x 2 items, 1 gold, 2 anchors, 4 traps, 3 environment clips.
    expect(campaign.totalStimuli).toBe(16);
    expect(campaign.doneStimuli).toBe(16);
    // Every stimulus at -23 LUFS and with no tag of its upload (downloaded as the owner).
    const { rows } = await owner.query(
      `SELECT artifact_id FROM rating_stimuli WHERE campaign_id = $1 ORDER BY kind, ordinal`,
      [campaign.id],
    );
    expect(rows).toHaveLength(16);
    const dir = mkdtempSync(join(tmpdir(), 'loris-ratings-'));
    for (const { artifact_id } of rows.filter((_, i) => i % 4 === 0)) {
      const bytes = await as.media(artifact_id);
      expect(bytes.includes('SECRET-NAME')).toBe(false);
      expect(bytes.includes('secret')).toBe(false);
      expect(bytes.includes('LIST')).toBe(false);
      const path = join(dir, `${artifact_id}.wav`);
      writeFileSync(path, bytes);
      const measured = spawnSync(
        'ffmpeg',
        ['-hide_banner', '-nostdin', '-i', path, '-af', 'loudnorm=print_format=json', '-f', 'null', '-'],
        {
          encoding: 'utf8',
        },
      );
      const integrated = Number(/"input_i"\s*:\s*"([-\d.]+)"/.exec(measured.stderr)![1]);
      expect(Math.abs(integrated + 23)).toBeLessThan(1.5);
    }
  }, 240_000);

  it('takes one attentive rater and one who fails a trap through the rater API, and scores only the first', async () => {
    const good = new RaterClient(api.baseUrl);
    const careless = new RaterClient(api.baseUrl);
    const [goodState, carelessState] = await Promise.all([qualified(good), qualified(careless)]);
    expect(goodState.stage).toBe('TRAINING');
    expect((goodState.training as { anchors: unknown[] }).anchors).toEqual([
      { index: 0, expectedScore: 1 },
      { index: 1, expectedScore: 5 },
    ]);
    void carelessState;
    expect((await good.audio('/rate/api/session/anchors/1')).status).toBe(200);
    for (const rater of [good, careless]) {
      const trained = await rater.finishTraining();
      expect(trained.body).toMatchObject({ stage: 'RATING', progress: { done: 0, total: 8 } });
    }
    const [goodEnd, carelessEnd] = await Promise.all([
      rateAll(good, (kind, expected, i) => (kind === 'TRAP' || kind === 'GOLD' ? expected! : 2 + (i % 4))),
      rateAll(careless, (kind, expected, i) =>
        kind === 'TRAP' ? (expected! % 5) + 1 : kind === 'GOLD' ? expected! : 2 + (i % 3),
      ),
    ]);
    expect(goodEnd.completionCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(carelessEnd.completionCode).not.toBe(goodEnd.completionCode);

    const sessions = ok(
      await gql<{
        raterSessions: {
          edges: Array<{
            node: { id: string; counted: boolean; exclusionReasons: string[]; completionCode: string };
          }>;
        };
      }>(
        api.graphqlUrl,
        `query($id: ID!) { raterSessions(campaignId: $id) { edges { node { id counted exclusionReasons completionCode } } } }`,
        { id: campaign.id },
        { token },
      ),
    ).raterSessions.edges.map((e) => e.node);
    const goodSession = sessions.find((s) => s.completionCode === goodEnd.completionCode)!;
    const carelessSession = sessions.find((s) => s.completionCode === carelessEnd.completionCode)!;
    expect(goodSession).toMatchObject({ counted: true, exclusionReasons: [] });
    expect(carelessSession).toMatchObject({ counted: false, exclusionReasons: ['TRAP_FAILED'] });

    const verified = ok(
      await gql<{ verifyCompletionCode: { id: string } }>(
        api.graphqlUrl,
        `query($id: ID!, $code: String!) { verifyCompletionCode(campaignId: $id, code: $code) { id } }`,
        { id: campaign.id, code: goodEnd.completionCode!.toLowerCase() },
        { token },
      ),
    ).verifyCompletionCode;
    expect(verified.id).toBe(goodSession.id);

    const results = ok(
      await gql<{
        ratingResults: {
          votes: number;
          raters: number;
          systems: Array<{ label: string; n: number; mos: number | null }>;
        };
      }>(
        api.graphqlUrl,
        `query($id: ID!) { ratingResults(campaignId: $id) { votes raters systems { label n mos ci95 } clipCount clips { edges { node { clipId n mos } } } pairwise { a b p pBonferroni } } }`,
        { id: campaign.id },
        { token },
      ),
    ).ratingResults;
    // Only the good session's 6 test votes count: 2 per system, one per clip.
    expect(results).toMatchObject({ votes: 6, raters: 1, clipCount: 6 });
    expect(results.systems.map((s) => s.n)).toEqual([2, 2, 2]);

    // The owner includes the careless session by hand: its 6 test votes join, and the change is audited.
    ok(
      await gql(
        api.graphqlUrl,
        `mutation($id: ID!) { overrideRaterSession(id: $id, decision: "INCLUDE", note: "trap misheard") { counted } }`,
        { id: carelessSession.id },
        { token },
      ),
    );
    const after = ok(
      await gql<{ ratingResults: { votes: number } }>(
        api.graphqlUrl,
        `query($id: ID!) { ratingResults(campaignId: $id) { votes } }`,
        { id: campaign.id },
        { token },
      ),
    ).ratingResults;
    expect(after.votes).toBe(12);
    await waitFor(async () => {
      const { rows } = await owner.query(
        `SELECT 1 FROM audit_events WHERE action = 'rater_session.override' AND object_id = $1`,
        [carelessSession.id],
      );
      return rows.length ? true : undefined;
    }, 'override audited');

    const csv = await fetch(`${api.baseUrl}/v1/rating-campaigns/${campaign.id}/results.csv?shape=condition`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('condition_name,n,MOS,std,95%CI');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      'parity model,4',
      'ground truth,4',
      'sine baseline,4',
    ]);
  }, 240_000);

  it("joins the model version's MOS to the evaluations' comparison table", async () => {
    // A finished evaluation of the built-in version (its summary written as the database's owner: the
    // evaluation suites cover how one is made), then the comparison carries the campaign's MOS for it.
    const tenantId = stack.tenant.tenantId;
    const { rows: datasets } = await owner.query(
      `INSERT INTO datasets (tenant_id, name, category) VALUES ($1, 'mos join', 'DANCE') RETURNING id`,
      [tenantId],
    );
    const { rows: versions } = await owner.query(
      `INSERT INTO dataset_versions (tenant_id, dataset_id, number, split_seed, split_by, train_ratio, valid_ratio, test_ratio)
       VALUES ($1, $2, 1, 1, 'SOURCE', 1, 0, 0) RETURNING id`,
      [tenantId, datasets[0].id],
    );
    const { rows: runs } = await owner.query(
      `INSERT INTO evaluation_runs (tenant_id, dataset_version_id, split, sampler, steps, guidance, seeds, status,
         scorer_version, total_samples, done_samples)
       VALUES ($1, $2, 'TEST', 'dpmpp-2m', 2, 0, '{0}', 'SUCCEEDED', 'loris-scorer/1', 1, 1) RETURNING id`,
      [tenantId, versions[0].id],
    );
    await owner.query(
      `INSERT INTO evaluation_run_models (run_id, model_version_id, tenant_id, ordinal) VALUES ($1, $2, $3, 0)`,
      [runs[0].id, BUILTIN_MODEL_VERSION_ID, tenantId],
    );
    await owner.query(
      `INSERT INTO evaluation_summaries (run_id, model_version_id, tenant_id, samples, bcs, bhs, f1, onset_f,
         rhythm_samples, generate_seconds, score_seconds, scorer_version)
       VALUES ($1, $2, $3, 1, 0.5, 0.5, 0.5, 0.5, 0, 1, 1, 'loris-scorer/1')`,
      [runs[0].id, BUILTIN_MODEL_VERSION_ID, tenantId],
    );
    const { ratingResults } = ok(
      await gql<{
        ratingResults: { systems: Array<{ label: string; mos: number; ci95: number; n: number }> };
      }>(
        api.graphqlUrl,
        `query($id: ID!) { ratingResults(campaignId: $id) { systems { label mos ci95 n } } }`,
        { id: campaign.id },
        { token },
      ),
    );
    const parity = ratingResults.systems.find((s) => s.label === 'parity model')!;
    const { evaluationComparison } = ok(
      await gql<{
        evaluationComparison: {
          rows: Array<{
            modelVersionId: string;
            mos: number | null;
            mosCi95: number | null;
            mosVotes: number | null;
            mosCampaignId: string | null;
          }>;
        };
      }>(
        api.graphqlUrl,
        `query($ids: [ID!]!) { evaluationComparison(ids: $ids) { rows { modelVersionId mos mosCi95 mosVotes mosCampaignId } } }`,
        { ids: [runs[0].id] },
        { token },
      ),
    );
    expect(evaluationComparison.rows).toEqual([
      {
        modelVersionId: BUILTIN_MODEL_VERSION_ID,
        mos: parity.mos,
        mosCi95: parity.ci95,
        mosVotes: parity.n,
        mosCampaignId: campaign.id,
      },
    ]);
  });

  describe('security and bad input', () => {
    let rater: RaterClient;
    let other: RaterClient;
    let clipId: string;
    let otherClipId: string;

    beforeAll(async () => {
      rater = new RaterClient(api.baseUrl);
      other = new RaterClient(api.baseUrl);
      await qualified(rater);
      await qualified(other);
      clipId = ((await rater.finishTraining()).body.clip as { id: string }).id;
      otherClipId = ((await other.finishTraining()).body.clip as { id: string }).id;
    }, 60_000);

    it('refuses a vote before the server saw the clip played to its end', async () => {
      expect((await rater.vote(clipId, 3)).body).toMatchObject({ error: { code: 'NOT_PLAYED' } });
      await rater.playback(clipId, 'play', 0);
      // "ended" at once: the server's clock has not seen the clip's length go by.
      expect((await rater.playback(clipId, 'ended', 99)).body).toEqual({ played: false });
      const refused = await rater.vote(clipId, 3);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        error: { code: 'NOT_PLAYED', message: expect.stringMatching(/whole clip/) },
      });
    });

    it('refuses a vote outside 1-5, or not a whole number, with a clear error', async () => {
      for (const score of [0, 6, 2.5, '3', null]) {
        const reply = await rater.vote(clipId, score);
        expect(reply.status).toBe(400);
        expect(reply.body).toMatchObject({
          error: { code: 'BAD_VOTE', message: expect.stringMatching(/1 \(worst\) to 5/) },
        });
      }
    });

    it('counts a replayed or double-clicked vote once', async () => {
      const clip = await rater.audio(`/rate/api/clips/${clipId}`);
      await rater.playback(clipId, 'play', 0);
      await new Promise((r) => setTimeout(r, wavSeconds(clip.bytes) * 1000));
      expect((await rater.playback(clipId, 'ended')).body).toEqual({ played: true });
      const replies = await Promise.all([
        rater.vote(clipId, 4),
        rater.vote(clipId, 4),
        rater.vote(clipId, 2),
      ]);
      expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
      const { rows } = await owner.query(`SELECT score FROM ratings WHERE assignment_id = $1`, [clipId]);
      expect(rows).toHaveLength(1);
    });

    it("gives a token neither another session's clip nor its votes", async () => {
      expect((await rater.audio(`/rate/api/clips/${otherClipId}`)).status).toBe(404);
      expect((await rater.playback(otherClipId, 'play')).status).toBe(404);
      const vote = await rater.vote(otherClipId, 3);
      expect(vote.status).toBe(404);
      expect(vote.body).toMatchObject({
        error: { code: 'NOT_FOUND', message: expect.stringMatching(/not part of your session/) },
      });
      expect((await rater.audio(`/rate/api/clips/00000000-0000-4000-a000-000000000002`)).status).toBe(404);
    });

    it('serves every clip under one neutral URL scheme and headers, with no name, id or tag', async () => {
      const clip = await rater.audio(`/rate/api/clips/${clipId}`);
      expect(clip.headers.get('content-type')).toBe('audio/wav');
      expect(clip.headers.get('etag')).toBeNull();
      expect(clip.headers.get('content-disposition')).toBeNull();
      expect(clip.headers.get('last-modified')).toBeNull();
      expect(clip.bytes.includes('secret')).toBe(false);
      expect(clip.bytes.includes('LIST')).toBe(false);
      const state = (await rater.state()).body;
      expect(JSON.stringify(state)).not.toMatch(/parity|ground truth|baseline|Tiny MOS/);
    });

    it('reaches nothing of the tenant with a rater token', async () => {
      const me = await gql(api.graphqlUrl, `{ me { id } }`, {}, { token: rater.token });
      expect(me.status).toBe(401);
      const media = await fetch(`${api.baseUrl}/v1/media/${campaign.id}`, {
        headers: { authorization: `Bearer ${rater.token}` },
      });
      expect(media.status).toBe(401);
      // On the database itself: another tenant set, the rows of this campaign are invisible to the app role.
      const { rows: stranger } = await owner.query(
        `INSERT INTO tenants (name) VALUES ('stranger') RETURNING id`,
      );
      const app = new Client({ connectionString: api.database.config.appUrl });
      await app.connect();
      try {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [stranger[0].id]);
        for (const table of [
          'rating_campaigns',
          'rating_stimuli',
          'rater_sessions',
          'rating_assignments',
          'ratings',
        ]) {
          expect((await app.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(0);
        }
        await app.query('ROLLBACK');
      } finally {
        await app.end();
      }
    });

    it('refuses an unknown link and a made-up session token the same way', async () => {
      const nobody = new RaterClient(api.baseUrl);
      expect((await nobody.start('A'.repeat(43))).status).toBe(404);
      nobody.token = 'B'.repeat(43);
      expect((await nobody.state()).status).toBe(404);
    });

    it('resolves a session token in the database once, and still refuses it once the session is gone', async () => {
      const source = await createDataSource({ url: api.database.config.appUrl, poolSize: 1 }).initialize();
      try {
        const directory = new RaterDirectory(source);
        const pool = (source.driver as PostgresDriver).master as Pool;
        const calls = jest.spyOn(pool, 'query');
        const hash = createHash('sha256').update(rater.token!).digest('hex');
        const first = await directory.resolveSession(hash);
        expect(await directory.resolveSession(hash)).toEqual(first);
        expect(first).toMatchObject({ campaignId: campaign.id });
        expect(calls).toHaveBeenCalledTimes(1);
        // Unknown tokens go to the database every time: remembering them would let anyone fill the cache.
        expect(await directory.resolveSession('0'.repeat(64))).toBeNull();
        expect(await directory.resolveSession('0'.repeat(64))).toBeNull();
        expect(calls).toHaveBeenCalledTimes(3);
      } finally {
        await source.destroy();
      }
      // Through the API, whose directory has remembered this token since it started: deleting the session
      // must still end it.
      const gone = new RaterClient(api.baseUrl);
      await gone.start(link);
      expect((await gone.state()).status).toBe(200);
      await owner.query(
        `DELETE FROM rater_sessions WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
        [gone.token],
      );
      const reply = await gone.state();
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    });

    it('rate-limits the rater routes per token and per IP', async () => {
      const limited = await startTestApi({
        database: api.database,
        env: { RATER_RATE_LIMIT_PER_TOKEN: '3', RATER_RATE_LIMIT_PER_IP: '1000' },
      });
      try {
        const client = new RaterClient(limited.baseUrl);
        client.token = rater.token;
        const statuses = [];
        for (let i = 0; i < 5; i++) statuses.push((await client.state()).status);
        expect(statuses).toEqual([200, 200, 200, 429, 429]);
        const reply = await client.state();
        expect(reply.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
        expect(reply.headers.get('retry-after')).toBeTruthy();
      } finally {
        await limited.stop();
      }
      const perIp = await startTestApi({ database: api.database, env: { RATER_RATE_LIMIT_PER_IP: '2' } });
      try {
        const a = new RaterClient(perIp.baseUrl);
        a.token = rater.token;
        const b = new RaterClient(perIp.baseUrl);
        b.token = other.token;
        expect([(await a.state()).status, (await b.state()).status, (await a.state()).status]).toEqual([
          200, 200, 429,
        ]);
      } finally {
        await perIp.stop();
      }
    }, 60_000);

    it('bans a fingerprint: a banned IP starts no session', async () => {
      const sessionId = (
        await owner.query(
          `SELECT id FROM rater_sessions WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
          [other.token],
        )
      ).rows[0].id;
      ok(
        await gql(
          api.graphqlUrl,
          `mutation($id: ID!) { banRater(sessionId: $id, reason: "bot") { banned } }`,
          { id: sessionId },
          { token },
        ),
      );
      const again = new RaterClient(api.baseUrl);
      const reply = await again.start(link);
      expect(reply.status).toBe(403);
      expect(reply.body).toMatchObject({ error: { code: 'BANNED' } });
      // Everyone here shares 127.0.0.1: lift it for the tests after this one.
      await owner.query(`DELETE FROM rating_bans WHERE campaign_id = $1`, [campaign.id]);
    });

    it('refuses votes and new sessions once the campaign is closed', async () => {
      ok(
        await gql(
          api.graphqlUrl,
          `mutation($id: ID!) { closeRatingCampaign(id: $id) { status } }`,
          { id: campaign.id },
          { token },
        ),
      );
      const next = ((await other.state()).body.clip as { id: string }).id;
      const clip = await other.audio(`/rate/api/clips/${next}`);
      await other.playback(next, 'play', 0);
      await new Promise((r) => setTimeout(r, wavSeconds(clip.bytes) * 1000));
      await other.playback(next, 'ended');
      const vote = await other.vote(next, 3);
      expect(vote.status).toBe(409);
      expect(vote.body).toMatchObject({ error: { code: 'CAMPAIGN_NOT_OPEN' } });
      expect((await new RaterClient(api.baseUrl).start(link)).body).toMatchObject({
        error: { code: 'CAMPAIGN_NOT_OPEN' },
      });
    });

    it('does not open a campaign whose stimuli failed to generate, and says which', async () => {
      const silent = await upload(toneWav(0, 1), 'audio/wav');
      const created = ok(
        await create({
          name: 'Broken',
          systems: [{ label: 'gt', kind: 'GROUND_TRUTH' }],
          items: { uploads: [{ audioUploadId: silent, seconds: 1 }] },
        }),
      ).createRatingCampaign;
      const failed = await prepareAndWait(created.campaign.id, (c) => c.status !== 'PREPARING');
      expect(failed.status).toBe('DRAFT');
      expect(failed.error).toMatchObject({
        code: 'STIMULUS_FAILED',
        message: expect.stringMatching(/system "gt", item 1: .*silent/),
      });
      const reply = await new RaterClient(api.baseUrl).start(created.link);
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ error: { code: 'CAMPAIGN_NOT_OPEN' } });
    }, 120_000);

    it('refuses a campaign that does not add up, naming the problem', async () => {
      const refused = await create({
        name: 'Bad',
        systems: [{ label: 'b', kind: 'BASELINE', baselineUploadIds: [] }],
        items: { uploads: [{ audioUploadId: await upload(toneWav(300, 1), 'audio/wav'), seconds: 1 }] },
      });
      expect(refused.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
        message: expect.stringMatching(/BASELINE and needs one uploaded WAV per item \(1\), got 0/),
      });
    });
  });
});
