// The audit log end to end: every state-changing mutation (GraphQL and POST /v1/uploads) goes through the
// audit queue to a real worker and lands as one row naming its actor, object and request id; the owner's
// auditEvents query filters and pages it, other roles and other tenants see nothing of it, and the app role
// can neither UPDATE nor DELETE a row (checked on Postgres itself, not through the API).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  GraphQLResponse,
  ok,
  signUpTenant,
  SignedUp,
  startTestApi,
  startTestWorker,
  synthPosesJson,
  TestApi,
  TestWorker,
  waitFor,
} from '../support';
import { PARITY_MODEL_DIR } from './soundtrack-stack';

interface AuditEvent {
  id: string;
  action: string;
  actor: { kind: string; id: string | null; label: string | null };
  objectType: string;
  objectId: string | null;
  requestId: string | null;
  occurredAt: string;
}

interface AuditPage {
  auditEvents: {
    edges: { cursor: string; node: AuditEvent }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const AUDIT_EVENTS = `query($filter: AuditEventFilterInput, $first: Int!, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id action actor { kind id label } objectType objectId requestId occurredAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const run = `${process.pid}-${Date.now()}`;
const requestId = (name: string) => `audit-${name}-${run}`;

describe('audit log', () => {
  let api: TestApi;
  let worker: TestWorker;
  let owner: Client;
  let storageDir: string;

  /** A GraphQL request carrying X-Request-Id, as a client that traces its calls sends it. */
  async function call<T>(
    query: string,
    variables: Record<string, unknown>,
    credentials: { token?: string; apiKey?: string },
    id?: string,
  ): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (id) headers['x-request-id'] = id;
    if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
    if (credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
    const res = await fetch(api.graphqlUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    const body = JSON.parse(text) as { data?: T; errors?: GraphQLResponse['errors'] };
    return { status: res.status, headers: res.headers, data: body.data, errors: body.errors, text };
  }

  const auditEvents = (who: { token?: string; apiKey?: string }, variables: Record<string, unknown>) =>
    call<AuditPage>(AUDIT_EVENTS, { first: 100, ...variables }, who);

  const nodes = async (who: { token?: string; apiKey?: string }, variables: Record<string, unknown>) =>
    ok(await auditEvents(who, variables)).auditEvents.edges.map((e) => e.node);

  /** Events go through the queue: waits until the tenant has `count` rows. */
  const settled = (tenantId: string, count: number) =>
    waitFor(async () => {
      const { rows } = await owner.query('SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1', [
        tenantId,
      ]);
      return rows[0].n >= count ? true : undefined;
    }, `${count} audit events of tenant ${tenantId}`);

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'loris-audit-'));
    api = await startTestApi({ env: { MODEL_DIR: PARITY_MODEL_DIR, STORAGE_DIR: storageDir } });
    worker = await startTestWorker(api.config);
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await worker?.stop();
    await api?.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  describe('with every mutation done once', () => {
    let a: SignedUp;
    let b: SignedUp;
    let keyId: string;
    let keySecret: string;
    let viewerToken: string;
    let viewerUserId: string;
    let engineerKey: string;
    let datasetId: string;
    let uploadId: string;
    let jobId: string;
    /** What each mutation must have written, by the request id it was sent with. */
    const expected = new Map<string, Partial<AuditEvent>>();

    beforeAll(async () => {
      const email = `audit-owner-${run}@example.com`;
      const signUp = ok(
        await call<{ signUp: { token: string; user: { id: string }; tenant: { id: string } } }>(
          `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } tenant { id } } }`,
          { input: { email, password: 'correct horse battery', tenantName: 'Audited' } },
          {},
          requestId('sign-up'),
        ),
      ).signUp;
      a = { token: signUp.token, userId: signUp.user.id, tenantId: signUp.tenant.id, email };
      const byOwner = { kind: 'MEMBER', id: a.userId, label: email };
      expected.set(requestId('sign-up'), {
        action: 'tenant.created',
        actor: byOwner,
        objectType: 'tenant',
        objectId: a.tenantId,
      });

      const created = ok(
        await call<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
          `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
          { input: { name: 'curator key', role: 'CURATOR' } },
          { token: a.token },
          requestId('create-key'),
        ),
      ).createApiKey;
      keyId = created.apiKey.id;
      keySecret = created.secret;
      expected.set(requestId('create-key'), {
        action: 'api_key.created',
        actor: byOwner,
        objectType: 'api_key',
        objectId: keyId,
      });

      datasetId = ok(
        await call<{ createDataset: { id: string } }>(
          'mutation { createDataset(input: { name: "Audited moves", category: DANCE }) { id } }',
          {},
          { apiKey: keySecret },
          requestId('create-dataset'),
        ),
      ).createDataset.id;
      expected.set(requestId('create-dataset'), {
        action: 'dataset.created',
        actor: { kind: 'API_KEY', id: keyId, label: 'curator key' },
        objectType: 'dataset',
        objectId: datasetId,
      });

      const viewerEmail = `audit-viewer-${run}@example.com`;
      const invitation = ok(
        await call<{ inviteMember: { token: string } }>(
          'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }',
          { input: { email: viewerEmail, role: 'VIEWER' } },
          { token: a.token },
          requestId('invite'),
        ),
      ).inviteMember;
      expected.set(requestId('invite'), {
        action: 'member.invited',
        actor: byOwner,
        objectType: 'invitation',
      });

      const accepted = ok(
        await call<{ acceptInvitation: { token: string; user: { id: string } } }>(
          'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token user { id } } }',
          { input: { token: invitation.token, password: 'a good long password' } },
          {},
          requestId('accept'),
        ),
      ).acceptInvitation;
      viewerToken = accepted.token;
      viewerUserId = accepted.user.id;
      expected.set(requestId('accept'), {
        action: 'member.joined',
        actor: { kind: 'MEMBER', id: viewerUserId, label: viewerEmail },
        objectType: 'user',
        objectId: viewerUserId,
      });

      const upload = await fetch(`${api.baseUrl}/v1/uploads`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${a.token}`,
          'content-type': 'application/octet-stream',
          'x-request-id': requestId('upload'),
        },
        body: new Uint8Array(synthPosesJson(2)),
      });
      expect(upload.status).toBe(201);
      uploadId = ((await upload.json()) as { id: string }).id;
      expected.set(requestId('upload'), {
        action: 'upload.created',
        actor: byOwner,
        objectType: 'artifact',
        objectId: uploadId,
      });

      jobId = ok(
        await call<{ requestSoundtrack: { id: string } }>(
          'mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }',
          { input: { posesUploadId: uploadId, genre: 'House', seconds: 2 } },
          { token: a.token },
          requestId('request-soundtrack'),
        ),
      ).requestSoundtrack.id;
      expected.set(requestId('request-soundtrack'), {
        action: 'soundtrack_job.requested',
        actor: byOwner,
        objectType: 'soundtrack_job',
        objectId: jobId,
      });

      ok(
        await call(
          'mutation($id: ID!) { cancelSoundtrackJob(id: $id) { id } }',
          { id: jobId },
          { token: a.token },
          requestId('cancel'),
        ),
      );
      expected.set(requestId('cancel'), {
        action: 'soundtrack_job.cancelled',
        actor: byOwner,
        objectType: 'soundtrack_job',
        objectId: jobId,
      });

      ok(
        await call(
          'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
          { id: keyId },
          { token: a.token },
          requestId('revoke-key'),
        ),
      );
      expected.set(requestId('revoke-key'), {
        action: 'api_key.revoked',
        actor: byOwner,
        objectType: 'api_key',
        objectId: keyId,
      });

      // Made without a request id of the test's: one more event, with the id the API generated.
      const engineer = ok(
        await call<{ createApiKey: { secret: string } }>(
          `mutation { createApiKey(input: { name: "engineer key", role: ENGINEER }) { secret } }`,
          {},
          { token: a.token },
        ),
      ).createApiKey;
      engineerKey = engineer.secret;

      b = await signUpTenant(api.graphqlUrl, 'audit-b');
      ok(
        await call(
          'mutation { createDataset(input: { name: "B moves", category: DANCE }) { id } }',
          {},
          { token: b.token },
        ),
      );
      await settled(a.tenantId, expected.size + 1);
      await settled(b.tenantId, 2);
    }, 60_000);

    it('records each mutation once, with its actor, object and request id', async () => {
      const events = await nodes({ token: a.token }, {});
      for (const [id, want] of expected) {
        const matching = events.filter((e) => e.requestId === id);
        expect({ id, matching }).toEqual({ id, matching: [expect.objectContaining(want)] });
      }
      const generated = events.filter((e) => !expected.has(e.requestId ?? ''));
      expect(generated).toEqual([
        expect.objectContaining({ action: 'api_key.created', objectType: 'api_key' }),
      ]);
      // The id the API made up for that request: a UUID, as it echoes in X-Request-Id.
      expect(generated[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('lists newest first, and pages by cursor through exactly the whole list', async () => {
      const all = await nodes({ token: a.token }, {});
      const times = all.map((e) => Date.parse(e.occurredAt));
      expect(times).toEqual([...times].sort((x, y) => y - x));

      const paged: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page: AuditPage['auditEvents'] = ok(
          await auditEvents({ token: a.token }, { first: 3, after }),
        ).auditEvents;
        paged.push(...page.edges.map((e) => e.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        pages++;
      } while (after);
      expect(paged).toEqual(all.map((e) => e.id));
      expect(pages).toBe(Math.ceil(all.length / 3));
    });

    it('filters by action, object type, actor (id, email or key name) and time', async () => {
      const actions = async (filter: Record<string, unknown>) =>
        (await nodes({ token: a.token }, { filter })).map((e) => e.action).sort();

      expect(await actions({ action: 'api_key.created' })).toEqual(['api_key.created', 'api_key.created']);
      expect(await actions({ objectType: 'soundtrack_job' })).toEqual([
        'soundtrack_job.cancelled',
        'soundtrack_job.requested',
      ]);
      expect(await actions({ actor: keyId })).toEqual(['dataset.created']);
      expect(await actions({ actor: 'curator key' })).toEqual(['dataset.created']);
      expect(await actions({ actor: viewerUserId })).toEqual(['member.joined']);
      expect(await actions({ actor: a.email.toUpperCase(), objectType: 'api_key' })).toEqual([
        'api_key.created',
        'api_key.created',
        'api_key.revoked',
      ]);

      const all = await nodes({ token: a.token }, {});
      const accepted = all.find((e) => e.action === 'member.joined')!;
      const from = accepted.occurredAt;
      const since = await nodes({ token: a.token }, { filter: { from } });
      expect(since.map((e) => e.id)).toEqual(all.filter((e) => e.occurredAt >= from).map((e) => e.id));
      const before = await nodes({ token: a.token }, { filter: { to: from } });
      expect(before.map((e) => e.id)).toEqual(all.filter((e) => e.occurredAt < from).map((e) => e.id));
      expect(since.length + before.length).toBe(all.length);
      expect(before.length).toBeGreaterThan(0);
    });

    it('is FORBIDDEN to a VIEWER and an ENGINEER', async () => {
      for (const who of [{ token: viewerToken }, { apiKey: engineerKey }]) {
        const res = await auditEvents(who, {});
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
        expect(res.data).toBeNull();
      }
    });

    it("never shows another tenant's events, whatever the filter", async () => {
      const bEvents = await nodes({ token: b.token }, {});
      expect(bEvents.map((e) => e.action).sort()).toEqual(['dataset.created', 'tenant.created']);
      expect(await nodes({ token: b.token }, { filter: { actor: a.userId } })).toEqual([]);
      expect(await nodes({ token: b.token }, { filter: { actor: a.email } })).toEqual([]);
      const aIds = new Set((await nodes({ token: a.token }, {})).map((e) => e.id));
      expect(bEvents.filter((e) => aIds.has(e.id))).toEqual([]);
    });
  });

  describe('append-only in the database', () => {
    let tenantId: string;
    let app: Client;

    /** As the app role, inside the tenant (as the API's unit of work is), so its rows are visible. */
    async function asAppRole<T>(work: (client: Client) => Promise<T>): Promise<T> {
      await app.query('BEGIN');
      try {
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        return await work(app);
      } finally {
        await app.query('ROLLBACK');
      }
    }

    const refusal = (sql: string) =>
      asAppRole((client) =>
        client.query(sql).then(
          () => 'allowed',
          (e) => e,
        ),
      );

    beforeAll(async () => {
      ({ tenantId } = await signUpTenant(api.graphqlUrl, 'audit-append'));
      await settled(tenantId, 1);
      app = new Client({ connectionString: api.database.config.appUrl });
      await app.connect();
    });

    afterAll(async () => {
      await app?.end();
    });

    it("refuses the app role's UPDATE and DELETE, and leaves the rows as they were", async () => {
      const visible = await asAppRole(
        async (c) => (await c.query('SELECT count(*)::int AS n FROM audit_events')).rows,
      );
      expect(visible).toEqual([{ n: 1 }]);
      for (const sql of [`UPDATE audit_events SET action = 'forged'`, 'DELETE FROM audit_events']) {
        // Refused by the missing privilege itself, before the trigger is reached.
        expect(await refusal(sql)).toMatchObject({
          code: '42501',
          message: expect.stringContaining('permission denied for table audit_events'),
        });
      }
      const { rows } = await owner.query('SELECT action FROM audit_events WHERE tenant_id = $1', [tenantId]);
      expect(rows).toEqual([{ action: 'tenant.created' }]);
    });

    it('refuses them even if the app role is granted UPDATE and DELETE again (the trigger)', async () => {
      const role = api.database.config.appRole;
      await owner.query(`GRANT UPDATE, DELETE ON audit_events TO ${role}`);
      try {
        for (const sql of [`UPDATE audit_events SET action = 'forged'`, 'DELETE FROM audit_events']) {
          expect(await refusal(sql)).toMatchObject({
            code: '42501',
            message: expect.stringContaining('append-only'),
          });
        }
      } finally {
        await owner.query(`REVOKE UPDATE, DELETE ON audit_events FROM ${role}`);
      }
    });

    it('still lets the app role insert (the worker writes events as it)', async () => {
      const inserted = await asAppRole(async (c) =>
        c.query(
          `INSERT INTO audit_events (tenant_id, action, object_type) VALUES ($1, 'probe.inserted', 'probe')`,
          [tenantId],
        ),
      );
      expect(inserted.rowCount).toBe(1);
    });
  });
});
