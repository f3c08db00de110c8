/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// MOS campaigns shown with their video (issue 17, presentation AUDIO_VIDEO) on real parts: the API and an
// in-process worker, real ffmpeg muxing real footage (OpenCV's vtest, as the segments' source video), and
// a rater through the public routes; then the lists the console pages through: the workspace's uploads,
// a campaign's rater sessions and its MOS per clip.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { ok, RaterClient } from '../support';
import { probeTags, tellingTags, VTEST_CLIP } from '../../../../libs/media/src/media-fixtures.testing';
import { seedVersion, storeAt } from './evaluation-data';
import { CampaignOwner, toneWav } from './ratings-harness';
import { SoundtrackStack, startSoundtrackStack } from './soundtrack-stack';

jest.setTimeout(240_000);

interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every node of a connection, page by page; the number of pages it took. */
async function everyPage<T>(
  read: (after: string | null) => Promise<Page<T>>,
): Promise<{ nodes: T[]; pages: number }> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const page = await read(after);
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return { nodes, pages };
    after = page.pageInfo.endCursor;
  }
}

describe('MOS campaigns with video', () => {
  let stack: SoundtrackStack;
  let db: Client;
  let as: CampaignOwner;
  let withVideo: string;
  let withoutVideo: string;
  let campaignId: string;
  let link: string;
  const dir = mkdtempSync(join(tmpdir(), 'loris-ratings-video-'));

  beforeAll(async () => {
    stack = await startSoundtrackStack('ratings-video');
    db = new Client({ connectionString: stack.api.database.config.ownerUrl });
    await db.connect();
    as = new CampaignOwner(stack.api, stack.tenant.token, db);
    const store = storeAt(stack.storageDir);
    const footage = readFileSync(VTEST_CLIP);
    const { versionId } = await seedVersion(db, store, stack.tenant.tenantId, 'with video', [
      { genre: 'House', split: 'TEST', seed: 41, video: footage },
      // 3 s into its source video, as a cut of a longer video starts.
      { genre: 'Krump', split: 'TEST', seed: 42, video: footage, startSeconds: 3 },
    ]);
    withVideo = versionId;
    withoutVideo = (
      await seedVersion(db, store, stack.tenant.tenantId, 'imported', [
        { genre: 'House', split: 'TEST', seed: 43 },
      ])
    ).versionId;
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  it('refuses AUDIO_VIDEO at creation when an item has no video, naming the item', async () => {
    const fromImport = await as.create({
      name: 'No picture',
      presentation: 'AUDIO_VIDEO',
      systems: [{ label: 'gt', kind: 'GROUND_TRUTH' }],
      items: { datasetVersionId: withoutVideo, split: 'TEST' },
    });
    expect(fromImport.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(
        /AUDIO_VIDEO .* 1 of 1 items have none: item 1 \(segment [0-9a-f-]{36}, imported without its source video\)/,
      ),
    });
    const audio = await as.upload(toneWav(300, 1), 'audio/wav');
    const fromUploads = await as.create({
      name: 'No picture',
      presentation: 'AUDIO_VIDEO',
      systems: [{ label: 'gt', kind: 'GROUND_TRUTH' }],
      items: { uploads: [{ audioUploadId: audio, seconds: 1 }] },
    });
    expect(fromUploads.errors?.[0].message).toMatch(/item 1 \(items\.uploads\[0\] has no videoUploadId\)/);
    // A WAV is no video.
    const wrongKind = await as.create({
      name: 'Wrong kind',
      presentation: 'AUDIO_VIDEO',
      systems: [{ label: 'gt', kind: 'GROUND_TRUTH' }],
      items: { uploads: [{ audioUploadId: audio, videoUploadId: audio, seconds: 1 }] },
    });
    expect(wrongKind.errors?.[0].message).toMatch(/item videos: upload [0-9a-f-]{36} is WAV, not VIDEO/);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM rating_campaigns`);
    expect(rows[0].n).toBe(0);
  });

  it('prepares every rated clip as the audio on its item’s video, a neutral MP4 at -23 LUFS', async () => {
    const created = ok(
      await as.create({
        name: 'With pictures',
        presentation: 'AUDIO_VIDEO',
        votesPerClip: 2,
        clipsPerSession: 2,
        trapsPerSession: 1,
        systems: [{ label: 'ground truth', kind: 'GROUND_TRUTH' }],
        items: { datasetVersionId: withVideo, split: 'TEST', seconds: 1.5 },
        gold: [{ uploadId: await as.upload(toneWav(440, 1.2), 'audio/wav'), expectedScore: 5 }],
        anchors: [{ uploadId: await as.upload(toneWav(520, 1), 'audio/wav'), expectedScore: 1 }],
      }),
    ).createRatingCampaign;
    campaignId = created.campaign.id;
    link = created.link;
    const opened = await as.prepareAndWait(campaignId, (c) => c.status !== 'PREPARING');
    expect(opened.error).toBeNull();
    expect(opened.status).toBe('OPEN');
    const { rows } = await db.query(
      `SELECT st.kind::text AS kind, st.seconds, a.kind::text AS artifact_kind, a.media_type, a.id
         FROM rating_stimuli st JOIN artifacts a ON a.id = st.artifact_id WHERE st.campaign_id = $1 ORDER BY st.kind`,
      [campaignId],
    );
    // 2 test clips, 1 gold, 4 traps, 1 anchor, 3 environment clips.
    expect(rows.map((r) => r.kind)).toEqual([
      ...['TEST', 'TEST', 'GOLD', 'TRAP', 'TRAP', 'TRAP', 'TRAP', 'ANCHOR'],
      ...['ENVIRONMENT', 'ENVIRONMENT', 'ENVIRONMENT'],
    ]);
    for (const row of rows) {
      const video = row.kind !== 'ENVIRONMENT';
      expect([row.artifact_kind, row.media_type]).toEqual(
        video ? ['MP4', 'video/mp4'] : ['WAV', 'audio/wav'],
      );
      if (!video) continue;
      const bytes = await as.media(row.id);
      const path = join(dir, `${row.id}.mp4`);
      writeFileSync(path, bytes);
      expect(tellingTags(await probeTags(path))).toEqual([]);
      for (const telltale of ['SECRET', 'secret', 'Lavf', 'Lavc', 'x264', 'House', 'Krump'])
        expect(bytes.includes(telltale)).toBe(false);
      const probe = spawnSync(
        'ffprobe',
        ['-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', path],
        { encoding: 'utf8' },
      );
      const parsed = JSON.parse(probe.stdout) as {
        streams: Array<{ codec_name: string }>;
        format: { duration: string };
      };
      expect(parsed.streams.map((s) => s.codec_name)).toEqual(['h264', 'aac']);
      // As long as its audio, whatever the video had left: within a frame of the 10 fps footage and AAC's
      // priming (a segment's video is 6 s; the trapping clips last longer than their 1.5 s bed).
      expect(Math.abs(Number(parsed.format.duration) - row.seconds)).toBeLessThan(0.15);
      const loudness = spawnSync(
        'ffmpeg',
        ['-hide_banner', '-nostdin', '-i', path, '-af', 'loudnorm=print_format=json', '-f', 'null', '-'],
        { encoding: 'utf8' },
      );
      const integrated = Number(/"input_i"\s*:\s*"([-\d.]+)"/.exec(loudness.stderr)![1]);
      expect(Math.abs(integrated + 23)).toBeLessThan(1.5);
    }
  });

  it('serves a rater every rated clip as video/mp4 under the same neutral URL scheme, play to end enforced', async () => {
    const rater = new RaterClient(stack.api.baseUrl);
    const qualified = await as.qualified(rater, link);
    expect(qualified.stage).toBe('TRAINING');
    const anchor = await rater.audio('/rate/api/session/anchors/0');
    expect(anchor.headers.get('content-type')).toBe('video/mp4');
    expect((await rater.finishTraining()).status).toBe(201);
    const types = new Set<string | null>();
    let tests = 0;
    const end = await as.rateAll(
      rater,
      // Attentive: the trap and gold as asked, the test clips told apart (one answer throughout is excluded).
      (kind, expected) => (kind === 'TRAP' || kind === 'GOLD' ? expected! : 2 + (tests++ % 3)),
      (clip) => {
        types.add(clip.headers.get('content-type'));
        expect(clip.headers.get('etag')).toBeNull();
        expect(clip.headers.get('content-disposition')).toBeNull();
      },
    );
    expect([...types]).toEqual(['video/mp4']);
    expect(end.completionCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  });

  it('pages through the campaign’s rater sessions and MOS per clip, and the campaigns', async () => {
    // Two more sessions (started, not finished), so three in all.
    for (let i = 0; i < 2; i++)
      expect((await new RaterClient(stack.api.baseUrl).start(link)).status).toBe(201);
    const sessions = await everyPage(
      async (after) =>
        ok(
          await as.query<{ raterSessions: Page<{ id: string; createdAt: string; stage: string }> }>(
            `query($id: ID!, $after: String) { raterSessions(campaignId: $id, first: 2, after: $after) {
             edges { cursor node { id createdAt stage } } pageInfo { hasNextPage endCursor } } }`,
            { id: campaignId, after },
          ),
        ).raterSessions,
    );
    expect(sessions.pages).toBe(2);
    expect(new Set(sessions.nodes.map((s) => s.id)).size).toBe(3);
    const times = sessions.nodes.map((s) => Date.parse(s.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(sessions.nodes.at(-1)!.stage).toBe('COMPLETED');

    const clips = await everyPage(async (after) => {
      const results = ok(
        await as.query<{
          ratingResults: { clipCount: number; clips: Page<{ clipId: string; itemOrdinal: number }> };
        }>(
          `query($id: ID!, $after: String) { ratingResults(campaignId: $id) { clipCount
             clips(first: 1, after: $after) { edges { cursor node { clipId itemOrdinal } } pageInfo { hasNextPage endCursor } } } }`,
          { id: campaignId, after },
        ),
      ).ratingResults;
      expect(results.clipCount).toBe(2);
      return results.clips;
    });
    expect(clips.pages).toBe(2);
    expect(clips.nodes.map((c) => c.itemOrdinal)).toEqual([0, 1]);

    // The campaigns themselves, newest first: a second (draft) one, then the first.
    const second = ok(
      await as.create({
        name: 'Second',
        systems: [{ label: 'gt', kind: 'GROUND_TRUTH' }],
        items: { datasetVersionId: withVideo, split: 'TEST' },
      }),
    ).createRatingCampaign.campaign.id;
    const campaigns = await everyPage(
      async (after) =>
        ok(
          await as.query<{ ratingCampaigns: Page<{ id: string; name: string }> }>(
            `query($after: String) { ratingCampaigns(first: 1, after: $after) {
             edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`,
            { after },
          ),
        ).ratingCampaigns,
    );
    expect(campaigns.pages).toBe(2);
    expect(campaigns.nodes.map((c) => c.id)).toEqual([second, campaignId]);

    const refused = await as.query(
      `query($id: ID!) { raterSessions(campaignId: $id, after: "not-a-cursor") { edges { cursor } } }`,
      { id: campaignId },
    );
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('lists the workspace’s uploads by kind, newest first, a page at a time, and none of the worker’s files', async () => {
    const video = await as.upload(readFileSync(VTEST_CLIP), 'video/mp4', 'dancers.mp4');
    const wavs = await everyPage(
      async (after) =>
        ok(
          await as.query<{
            uploads: Page<{ id: string; kind: string; fileName: string; createdAt: string }>;
          }>(
            `query($after: String) { uploads(kinds: [WAV], first: 2, after: $after) {
             edges { cursor node { id kind fileName createdAt } } pageInfo { hasNextPage endCursor } } }`,
            { after },
          ),
        ).uploads,
    );
    // The three WAVs this suite uploaded; the campaign's stimuli (WAVs the worker made) are not uploads.
    expect(wavs.nodes).toHaveLength(3);
    expect(wavs.pages).toBe(2);
    expect(new Set(wavs.nodes.map((n) => n.kind))).toEqual(new Set(['WAV']));
    expect(wavs.nodes.every((n) => n.fileName === 'system-A-secret.wav')).toBe(true);
    const { uploads } = ok(
      await as.query<{
        uploads: Page<{ id: string; kind: string; fileName: string; durationSeconds: number }>;
      }>(
        `{ uploads(kinds: [VIDEO, POSES], first: 5) { edges { node { id kind fileName durationSeconds } } pageInfo { hasNextPage endCursor } } }`,
      ),
    );
    expect(uploads.edges.map((e) => e.node)).toEqual([
      { id: video, kind: 'VIDEO', fileName: 'dancers.mp4', durationSeconds: expect.closeTo(6, 0) },
    ]);
  });
});
