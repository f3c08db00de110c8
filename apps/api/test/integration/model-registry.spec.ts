/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// The model registry and serving by version and alias (issue 15), as an engineer runs them: a copy of the
// parity model (its card's version raised to 0.2.0, so its jobs are told apart from the built-in's, which
// is the same parity model here) is pushed with `loris models push` against the real API, `production` is
// set to it with `loris models alias set`, and soundtrack jobs run on the real worker: one without `model`
// is served by it (fetched from the blob store into the worker's cache), one naming alias "default" by the
// built-in; moving the alias back reaches the next job with no restart. Another tenant sees neither the
// version nor the alias, both see the built-in; a corrupt ONNX push is refused leaving no row or blob. The
// CLI runs as a child process, asynchronously: the API answering it lives in this process.
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { BUILTIN_MODEL_VERSION_ID } from '@loris/db';
import {
  createApiKey,
  gql,
  ok,
  REPO_ROOT,
  requestSoundtrackId,
  requestSoundtrack,
  runLoris,
  signUpTenant,
  SignedUp,
  startWorkerStack,
  synthPosesJson,
  TestApi,
  WorkerStack,
  uploadBytes,
  waitFor,
} from '../support';
import { PARITY_MODEL_DIR } from './soundtrack-stack';

jest.setTimeout(600_000);

/** Every file under `dir`, recursively (the blob store's blobs). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

interface Job {
  id: string;
  status: string;
  modelVersion: string | null;
  modelVersionId: string;
  audio: { url: string } | null;
  error: { code: string; message: string } | null;
}

describe('model registry: push, aliases and serving by version', () => {
  let api: TestApi;
  let stack: WorkerStack;
  let owner: Client;
  let work: string;
  let storageDir: string;
  let tenant: SignedUp;
  let other: SignedUp;
  let engineerKey: string;
  let viewerKey: string;
  let posesId: string;
  let pushedId: string;

  const loris = (args: string[], apiKey = engineerKey) => runLoris(api.baseUrl, apiKey, args);
  const call = async <T>(query: string, variables: Record<string, unknown> = {}, who = tenant) =>
    ok(await gql<T>(api.graphqlUrl, query, variables, { token: who.token }));
  const job = async (id: string) =>
    (
      await call<{ soundtrackJob: Job }>(
        `query($id: ID!) { soundtrackJob(id: $id) { id status modelVersion modelVersionId audio { url } error { code message } } }`,
        { id },
      )
    ).soundtrackJob;
  const finished = (id: string) =>
    waitFor(
      async () => {
        const found = await job(id);
        return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(found.status) ? found : undefined;
      },
      `job ${id} to finish`,
      120_000,
    );
  const generate = async (input: Record<string, unknown>) => {
    const id = await requestSoundtrackId(
      api.graphqlUrl,
      { token: tenant.token },
      {
        posesUploadId: posesId,
        genre: 'Pop',
        seconds: 1,
        steps: 2,
        seed: 7,
        ...input,
      },
    );
    const done = await finished(id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', error: null });
    return done;
  };
  const wavSha = async (done: Job) => {
    const res = await fetch(`${api.baseUrl}${done.audio!.url}`, {
      headers: { authorization: `Bearer ${tenant.token}` },
    });
    return createHash('sha256')
      .update(Buffer.from(await res.arrayBuffer()))
      .digest('hex');
  };
  /** A copy of the parity model with its card's version set to `version` (the ONNX files unchanged). */
  const modelCopy = (name: string, version: string) => {
    const dir = join(work, name);
    cpSync(join(REPO_ROOT, PARITY_MODEL_DIR), dir, { recursive: true });
    const card = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...card, version }, null, 2));
    return dir;
  };
  const versionRows = async () =>
    (await owner.query(`SELECT count(*)::int AS n FROM model_versions`)).rows[0].n as number;

  beforeAll(async () => {
    stack = await startWorkerStack('model-registry', { MODEL_DIR: PARITY_MODEL_DIR });
    ({ api, owner, work, storageDir } = stack);
    tenant = await signUpTenant(api.graphqlUrl, 'registry');
    other = await signUpTenant(api.graphqlUrl, 'registry-other');
    engineerKey = (await createApiKey(api.graphqlUrl, tenant.token, 'ENGINEER')).secret;
    viewerKey = (await createApiKey(api.graphqlUrl, tenant.token, 'VIEWER')).secret;
    const upload = await uploadBytes(api.baseUrl, synthPosesJson(2), { token: tenant.token });
    posesId = upload.body.id as string;
  });

  afterAll(() => stack?.stop());

  it('pushes a model folder with `loris models push`, checked and stored by sha256', async () => {
    const dir = modelCopy('v2', '0.2.0');
    const pushed = await loris(['models', 'push', dir, '--model', 'dancer', '--json']);
    expect(pushed.stderr).toContain('pushing loris-parity@0.2.0 (3 files');
    expect(pushed.status).toBe(0);
    const version = JSON.parse(pushed.stdout) as {
      id: string;
      number: number;
      label: string;
      files: { name: string; sha256: string }[];
      provenance: { source: string; createdByApiKey: string | null };
    };
    expect(version).toMatchObject({
      number: 1,
      label: 'loris-parity@0.2.0',
      provenance: { source: 'UPLOADED' },
    });
    expect(version.provenance.createdByApiKey).not.toBeNull();
    for (const file of version.files) {
      const bytes = readFileSync(join(dir, file.name));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
    pushedId = version.id;

    const listed = await loris(['models', 'list', '--json']);
    expect(listed.status).toBe(0);
    const ids = (JSON.parse(listed.stdout) as { versions: { id: string }[] }).versions.map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining([pushedId, BUILTIN_MODEL_VERSION_ID]));

    // A VIEWER's key may read the registry but not push to it.
    const refused = await loris(['models', 'push', dir, '--model', 'dancer'], viewerKey);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(
      /role is VIEWER; pushing a model version needs OWNER or ENGINEER.*FORBIDDEN/,
    );
  });

  it('serves requests without `model` by the production alias, and alias "default" by the built-in', async () => {
    const set = await loris(['models', 'alias', 'set', 'production', pushedId]);
    expect(set.status).toBe(0);
    expect(set.stdout.trim()).toBe(`production -> ${pushedId}`);

    const served = await generate({});
    // 0.2.0 is the pushed card: the worker loaded the registry's copy, not MODEL_DIR.
    expect(served).toMatchObject({ modelVersionId: pushedId, modelVersion: 'loris-parity@0.2.0' });
    const cached = readdirSync(join(work, 'model-cache'));
    expect(cached).toContain(pushedId);

    const builtIn = await generate({ model: { alias: 'default' } });
    expect(builtIn).toMatchObject({
      modelVersionId: BUILTIN_MODEL_VERSION_ID,
      modelVersion: 'loris-parity@0.2.0',
    });

    const { servingModel } = await call<{
      servingModel: { versionId: string; version: string; via: string };
    }>(`{ servingModel { versionId version via } }`);
    expect(servingModel).toEqual({ versionId: pushedId, version: '0.2.0', via: 'alias production' });

    // Byte-reproducible: the same request, seed and version give the same WAV.
    const again = await generate({ model: { versionId: pushedId } });
    expect(await wavSha(again)).toBe(await wavSha(served));
  });

  it('moves the alias back: the next job follows without a restart, and the move is kept as history', async () => {
    const { moveModelAlias } = await call<{ moveModelAlias: { versionId: string } }>(
      `mutation($v: ID!) { moveModelAlias(name: "production", versionId: $v) { versionId } }`,
      { v: BUILTIN_MODEL_VERSION_ID },
    );
    expect(moveModelAlias.versionId).toBe(BUILTIN_MODEL_VERSION_ID);
    expect(await generate({})).toMatchObject({ modelVersionId: BUILTIN_MODEL_VERSION_ID });

    const { modelAliases } = await call<{
      modelAliases: { name: string; history: { fromVersionId: string | null; toVersionId: string }[] }[];
    }>(`{ modelAliases { name history { fromVersionId toVersionId } } }`);
    expect(modelAliases).toEqual([
      {
        name: 'production',
        history: [
          { fromVersionId: pushedId, toVersionId: BUILTIN_MODEL_VERSION_ID },
          { fromVersionId: null, toVersionId: pushedId },
        ],
      },
    ]);
    // Both moves are audited (the worker writes audit events from their queue).
    await waitFor(async () => {
      const { rows } = await owner.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'model_alias.moved' AND tenant_id = $1`,
        [tenant.tenantId],
      );
      return rows[0].n === 2 ? true : undefined;
    }, 'two model_alias.moved audit events');

    // A VIEWER may not move an alias.
    const refused = await loris(['models', 'alias', 'set', 'production', pushedId], viewerKey);
    expect(refused.stderr).toMatch(/FORBIDDEN/);
  });

  it('replays an idempotencyKey only for the model it named: the same alias, even moved, or the same version', async () => {
    const ask = (model?: Record<string, string>) =>
      requestSoundtrack(
        api.graphqlUrl,
        { token: tenant.token },
        {
          posesUploadId: posesId,
          genre: 'Pop',
          seconds: 1,
          steps: 2,
          seed: 7,
          idempotencyKey: 'replay-model',
          ...(model ? { model } : {}),
        },
      );
    const first = ok(await ask({ alias: 'production' })).requestSoundtrack.id;
    await loris(['models', 'alias', 'set', 'staging', pushedId]);

    // Leaving `model` out asks for whatever the first request resolved to.
    expect(ok(await ask()).requestSoundtrack.id).toBe(first);
    const otherAlias = await ask({ alias: 'staging' });
    expect(otherAlias.errors?.[0]?.message).toMatch(/replay-model.*model\.alias differ/);
    const otherVersion = await ask({ versionId: pushedId });
    expect(otherVersion.errors?.[0]?.message).toMatch(/model\.versionId differ/);

    // An honest retry after the alias moved still names the same alias: the same job, not a refusal.
    await loris(['models', 'alias', 'set', 'production', pushedId]);
    expect(ok(await ask({ alias: 'production' })).requestSoundtrack.id).toBe(first);
    await loris(['models', 'alias', 'set', 'production', BUILTIN_MODEL_VERSION_ID]);
    await finished(first);
  });

  it('lists twenty moves of twenty aliases in one query, within the cost limit', async () => {
    for (let i = 0; i < 12; i++) {
      await call(`mutation($v: ID!) { moveModelAlias(name: "history", versionId: $v) { name } }`, {
        v: i % 2 ? BUILTIN_MODEL_VERSION_ID : pushedId,
      });
    }
    const { modelAliases } = await call<{ modelAliases: { name: string; history: unknown[] }[] }>(
      `{ modelAliases(first: 20) { name versionId updatedAt history(first: 20) { fromVersionId toVersionId movedBy movedByApiKey movedAt } } }`,
    );
    expect(modelAliases.find((alias) => alias.name === 'history')?.history).toHaveLength(12);
    // Without `first` the list still costs its default page, not the largest one.
    const unpaged = await gql(
      api.graphqlUrl,
      `{ modelAliases { name history(first: 20) { movedAt } } }`,
      {},
      { token: tenant.token },
    );
    expect(unpaged.errors).toBeUndefined();
  });

  it("keeps a tenant's versions and aliases from another tenant; the built-in is everyone's and read-only", async () => {
    const missing = await gql(
      api.graphqlUrl,
      `query($id: ID!) { modelVersion(id: $id) { id } }`,
      { id: pushedId },
      {
        token: other.token,
      },
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const theirs = await call<{
      models: { edges: { node: { name: string; builtIn: boolean } }[] };
      modelAliases: [];
    }>(`{ models { edges { node { name builtIn } } } modelAliases { name } }`, {}, other);
    expect(theirs.models.edges.map((edge) => edge.node)).toEqual([{ name: 'default', builtIn: true }]);
    expect(theirs.modelAliases).toEqual([]);
    // Naming the other tenant's version is the same NOT_FOUND, for a request and for an alias.
    const request = await gql(
      api.graphqlUrl,
      `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }`,
      { input: { posesUploadId: posesId, genre: 'Pop', model: { versionId: pushedId } } },
      { token: other.token },
    );
    expect(request.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const alias = await gql(
      api.graphqlUrl,
      `mutation($v: ID!) { moveModelAlias(name: "production", versionId: $v) { name } }`,
      { v: pushedId },
      { token: other.token },
    );
    expect(alias.errors?.[0]?.message).toBe(`Model version ${pushedId} was not found`);

    // The built-in row, as the app role the API runs as: the database itself refuses the change.
    const app = new Client({ connectionString: api.database.config.appUrl });
    await app.connect();
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [other.tenantId]);
      await expect(
        app.query(`UPDATE model_versions SET label = 'mine' WHERE id = $1`, [BUILTIN_MODEL_VERSION_ID]),
      ).rejects.toThrow(/the built-in model is read-only/);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });

  it('refuses a corrupt ONNX push by name, leaving no row and no blob', async () => {
    const dir = modelCopy('corrupt', '0.3.0');
    const garbage = Buffer.from('not an ONNX graph at all\n'.repeat(64));
    writeFileSync(join(dir, 'denoiser.onnx'), garbage);
    const card = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    card.files.denoiser.sha256 = createHash('sha256').update(garbage).digest('hex');
    card.files.denoiser.bytes = garbage.length;
    writeFileSync(join(dir, 'model.json'), JSON.stringify(card));
    const rowsBefore = await versionRows();
    const blobsBefore = filesUnder(storageDir).map((path) => `${path}:${statSync(path).size}`);

    const refused = await loris(['models', 'push', dir, '--model', 'dancer']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(
      /The model version was refused: denoiser\.onnx: onnxruntime could not open it/,
    );
    expect(await versionRows()).toBe(rowsBefore);
    expect(filesUnder(storageDir).map((path) => `${path}:${statSync(path).size}`)).toEqual(blobsBefore);

    // A wrong hash is refused the same way, naming the file.
    const tampered = modelCopy('tampered', '0.4.0');
    const graph = readFileSync(join(tampered, 'conditioner.onnx'));
    graph[100] ^= 0xff;
    writeFileSync(join(tampered, 'conditioner.onnx'), graph);
    const hashRefused = await loris(['models', 'push', tampered, '--model', 'dancer']);
    expect(hashRefused.stderr).toMatch(/conditioner\.onnx: sha256 is [0-9a-f]{64}, model\.json says/);
    expect(await versionRows()).toBe(rowsBefore);
  });
});
