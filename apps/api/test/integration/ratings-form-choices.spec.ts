// What the console's New campaign form picks from (issue 17), on the real API and Postgres: the workspace's
// uploads, which stay listed after their uploader has left (and even once the account is deleted, which
// clears artifacts.created_by) but never include what the worker wrote; and a frozen split's segments in
// the order a campaign takes them as items, which is the order a baseline's clips are matched in.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createApiKey,
  Credentials,
  gql,
  GraphQLResponse,
  ok,
  signUpTenant,
  SignedUp,
  startTestApi,
  synthPosesJson,
  TestApi,
  uploadBytes,
} from '../support';
import { seedVersion, storeAt } from './evaluation-data';
import { toneWav } from './ratings-harness';

interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface Upload {
  id: string;
  fileName: string | null;
  uploadedBy: string;
  uploaderEmail: string | null;
}

interface ItemSegment {
  id: string;
  videoName: string | null;
  startSeconds: number;
  lengthSeconds: number;
  genre: string | null;
  hasVideo: boolean;
}

const UPLOADS = `query($after: String) { uploads(kinds: [WAV, POSES], first: 2, after: $after) {
  edges { cursor node { id fileName uploadedBy uploaderEmail } } pageInfo { hasNextPage endCursor } } }`;
const ITEM_SEGMENTS = `query($version: ID!, $split: DatasetSplit!, $first: Int!, $after: String) {
  ratingItemSegments(datasetVersionId: $version, split: $split, first: $first, after: $after) {
    total edges { cursor node { id videoName startSeconds lengthSeconds genre hasVideo } }
    pageInfo { hasNextPage endCursor } } }`;

describe('the New campaign form’s choices', () => {
  let api: TestApi;
  let db: Client;
  let tenant: SignedUp;
  const storageDir = mkdtempSync(join(tmpdir(), 'loris-ratings-choices-'));

  const call = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    who: Credentials = tenant,
  ) => gql<T>(api.graphqlUrl, query, variables, who);

  const upload = async (bytes: Uint8Array, name: string, who: Credentials): Promise<string> => {
    const res = await uploadBytes(api.baseUrl, bytes, who, 'application/octet-stream', name);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  /** Every upload listed, page by page (pages of 2, so the cursor is walked too). */
  async function listed(): Promise<Upload[]> {
    const nodes: Upload[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page<Upload> = ok(await call<{ uploads: Page<Upload> }>(UPLOADS, { after })).uploads;
      nodes.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    api = await startTestApi({ env: { STORAGE_DIR: storageDir } });
    db = new Client({ connectionString: api.database.config.ownerUrl });
    await db.connect();
    tenant = await signUpTenant(api.graphqlUrl, 'form-choices');
  });

  afterAll(async () => {
    await db?.end();
    await api?.stop();
  });

  it('keeps a departed member’s uploads listed as a former member’s, even once the account is deleted, and never the worker’s files', async () => {
    // An engineer joins, uploads two files, and is removed from the workspace.
    const invited = ok(
      await call<{ inviteMember: { token: string } }>(
        'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }',
        { input: { email: `leaver-${process.pid}-${Date.now()}@example.com`, role: 'ENGINEER' } },
      ),
    ).inviteMember.token;
    const leaver = ok(
      await call<{ acceptInvitation: { token: string; user: { id: string } } }>(
        'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token user { id } } }',
        { input: { token: invited, password: 'a good long password' } },
        {},
      ),
    ).acceptInvitation;
    const leaverWav = await upload(toneWav(330, 1), 'leaver-take.wav', { token: leaver.token });
    const leaverPoses = await upload(synthPosesJson(), 'leaver-poses.json', { token: leaver.token });
    const key = await createApiKey(api.graphqlUrl, tenant.token, 'ENGINEER', 'ci uploader');
    const keyWav = await upload(toneWav(440, 1), 'from-ci.wav', { apiKey: key.secret });
    const ownWav = await upload(toneWav(550, 1), 'owner-take.wav', tenant);
    // What the worker writes (a soundtrack's or a stimulus's WAV) names no one and was never uploaded.
    const { rows } = await db.query(
      `INSERT INTO artifacts (tenant_id, kind, sha256, bytes, media_type) VALUES ($1, 'WAV', $2, 44, 'audio/wav')
       RETURNING id`,
      [tenant.tenantId, 'a'.repeat(64)],
    );
    const workerWav = rows[0].id as string;

    const before = await listed();
    expect(before.map((u) => u.id)).toEqual([ownWav, keyWav, leaverPoses, leaverWav]);
    expect(before.find((u) => u.id === leaverWav)).toMatchObject({ uploadedBy: 'MEMBER' });

    const members = ok(
      await call<{ members: { edges: Array<{ node: { id: string; user: { id: string } } }> } }>(
        '{ members(first: 100) { edges { node { id user { id } } } } }',
        {},
      ),
    ).members.edges.map((e) => e.node);
    const membership = members.find((m) => m.user.id === leaver.user.id)!;
    ok(await call('mutation($id: ID!) { removeMember(id: $id) { id } }', { id: membership.id }));

    const expected = [
      { id: ownWav, fileName: 'owner-take.wav', uploadedBy: 'MEMBER', uploaderEmail: tenant.email },
      // An API key's name is the owners' to see (apiKeys), not every member's.
      { id: keyWav, fileName: 'from-ci.wav', uploadedBy: 'API_KEY', uploaderEmail: null },
      { id: leaverPoses, fileName: 'leaver-poses.json', uploadedBy: 'FORMER_MEMBER', uploaderEmail: null },
      { id: leaverWav, fileName: 'leaver-take.wav', uploadedBy: 'FORMER_MEMBER', uploaderEmail: null },
    ];
    expect(await listed()).toEqual(expected);

    // The account deleted (an operator's erasure): created_by is set to NULL, as on the worker's files.
    await db.query('DELETE FROM users WHERE id = $1', [leaver.user.id]);
    const { rows: orphans } = await db.query(
      'SELECT count(*)::int AS n FROM artifacts WHERE id = ANY($1) AND created_by IS NULL AND created_by_api_key IS NULL',
      [[leaverWav, leaverPoses, workerWav]],
    );
    expect(orphans[0].n).toBe(3);
    const after = await listed();
    expect(after).toEqual(expected);
    expect(after.map((u) => u.id)).not.toContain(workerWav);
  });

  it('pages a frozen split’s segments in the order a campaign takes them, and matches baseline clips by it', async () => {
    const names = [
      'salsa-night.mp4',
      'krump-battle.mp4',
      'house-session.mp4',
      'pop-corner.mp4',
      'training.mp4',
    ];
    const seeded = await seedVersion(db, storeAt(storageDir), tenant.tenantId, 'choices', [
      { genre: 'House', split: 'TEST', seed: 1, name: names[0], startSeconds: 12.5 },
      { genre: 'Krump', split: 'TEST', seed: 2, name: names[1] },
      { genre: 'House', split: 'TEST', seed: 3, name: names[2], startSeconds: 50 },
      { genre: 'Pop', split: 'TEST', seed: 4, name: names[3] },
      { genre: 'House', split: 'TRAIN', seed: 5, name: names[4] },
    ]);
    const read = (first: number, after: string | null) =>
      call<{ ratingItemSegments: Page<ItemSegment> & { total: number } }>(ITEM_SEGMENTS, {
        version: seeded.versionId,
        split: 'TEST',
        first,
        after,
      });
    const first = ok(await read(3, null)).ratingItemSegments;
    const second = ok(await read(3, first.pageInfo.endCursor)).ratingItemSegments;
    expect([first.total, second.total]).toEqual([4, 4]);
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([true, false]);
    const segments = [...first.edges, ...second.edges].map((e) => e.node);
    const testIds = seeded.segmentIds.slice(0, 4);
    expect(segments.map((s) => s.id)).toEqual([...testIds].sort());
    const byId = (id: string) => seeded.segmentIds.indexOf(id);
    expect(segments.map((s) => s.videoName)).toEqual(segments.map((s) => names[byId(s.id)]));
    const salsa = segments.find((s) => s.videoName === 'salsa-night.mp4')!;
    expect(salsa).toMatchObject({ startSeconds: 12.5, lengthSeconds: 25, genre: 'House', hasVideo: false });

    // A campaign over the first 3 items with a baseline whose clips are given in that order: each lands on
    // its segment's item.
    const clips = new Map<string, string>();
    for (const segment of segments.slice(0, 3))
      clips.set(segment.id, await upload(toneWav(300 + byId(segment.id) * 50, 1), 'b.wav', tenant));
    const created = ok(
      await call<{ createRatingCampaign: { campaign: { id: string } } }>(
        'mutation($input: CreateRatingCampaignInput!) { createRatingCampaign(input: $input) { campaign { id } } }',
        {
          input: {
            name: 'Matched baseline',
            systems: [
              { label: 'ground truth', kind: 'GROUND_TRUTH' },
              {
                label: 'paper baseline',
                kind: 'BASELINE',
                baselineUploadIds: segments.slice(0, 3).map((s) => clips.get(s.id)),
              },
            ],
            items: { datasetVersionId: seeded.versionId, split: 'TEST', limit: 3 },
          },
        },
      ),
    ).createRatingCampaign.campaign.id;
    const { rows: items } = await db.query(
      'SELECT segment_id FROM rating_items WHERE campaign_id = $1 ORDER BY ordinal',
      [created],
    );
    const { rows: systems } = await db.query(
      `SELECT baseline_artifact_ids AS clips FROM rating_systems WHERE campaign_id = $1 AND kind = 'BASELINE'`,
      [created],
    );
    expect(items.map((i: { segment_id: string }) => i.segment_id)).toEqual(
      segments.slice(0, 3).map((s) => s.id),
    );
    expect(systems[0].clips).toEqual(items.map((i: { segment_id: string }) => clips.get(i.segment_id)));
  });

  it('refuses a version that is unknown, another workspace’s or not frozen, and a cursor it did not issue', async () => {
    const code = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
    const unfrozen = await seedVersion(
      db,
      storeAt(storageDir),
      tenant.tenantId,
      'draft',
      [{ genre: 'House', split: 'TEST', seed: 6 }],
      { frozen: false },
    );
    const other = await signUpTenant(api.graphqlUrl, 'form-choices-other');
    const theirs = await seedVersion(db, storeAt(storageDir), other.tenantId, 'theirs', [
      { genre: 'House', split: 'TEST', seed: 7 },
    ]);
    const read = (version: string, after: string | null = null) =>
      call(ITEM_SEGMENTS, { version, split: 'TEST', first: 5, after });
    expect(code(await read('not-an-id'))).toBe('NOT_FOUND');
    expect(code(await read(theirs.versionId))).toBe('NOT_FOUND');
    const draft = await read(unfrozen.versionId);
    expect(draft.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('is not frozen'),
    });
    expect(code(await read(theirs.versionId, 'bm90LWEtY3Vyc29y'))).toBe('BAD_USER_INPUT');
  });
});
