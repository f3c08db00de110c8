// Every text and number an operation takes, swept with the values Postgres or our columns refuse (NUL,
// a lone surrogate, numbers past Int32 or float range) while the other fields hold valid values: each must
// be answered BAD_USER_INPUT naming the field, never INTERNAL_SERVER_ERROR. The operations come from the
// committed schema, so a field added later is swept without touching this file.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
import {
  gql,
  ok,
  signUpTenant,
  SignedUp,
  startTestApi,
  synthPosesJson,
  TestApi,
  uploadBytes,
} from '../support';

const MODEL_DIR = join(__dirname, '../../../../models/default');
const schema = buildSchema(readFileSync(join(__dirname, '../../schema.graphql'), 'utf8'));

const BAD_STRINGS = { nul: 'a\u0000b', 'lone surrogate': 'a\ud800b' };
const BAD_FLOATS = { '1e39': 1e39, '-1e39': -1e39 };
const BAD_INTS = { '2^31': 2 ** 31, '-2^31-1': -(2 ** 31) - 1, '1e39': 1e39 };

type Leaf = 'String' | 'ID' | 'Int' | 'Float';

interface Probe {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  /** Argument name, then input fields down to the leaf, e.g. ['input', 'name']. */
  path: string[];
  value: unknown;
  label: string;
}

/** Paths of every String/ID/Int/Float reachable from an argument (lists: their one element). */
function leavesOf(type: GraphQLInputType, path: string[], depth = 0): { path: string[]; leaf: Leaf }[] {
  if (isNonNullType(type)) return leavesOf(type.ofType, path, depth);
  if (isListType(type)) return leavesOf(type.ofType, path, depth);
  if (isInputObjectType(type)) {
    if (depth > 4) return [];
    return Object.values(type.getFields()).flatMap((f) => leavesOf(f.type, [...path, f.name], depth + 1));
  }
  const name = getNamedType(type).name;
  return ['String', 'ID', 'Int', 'Float'].includes(name) ? [{ path, leaf: name as Leaf }] : [];
}

function probesOf(root: GraphQLObjectType | null | undefined, operation: Probe['operation']): Probe[] {
  return Object.values(root?.getFields() ?? {}).flatMap((field) =>
    field.args.flatMap((arg) =>
      leavesOf(arg.type, [arg.name]).flatMap(({ path, leaf }) => {
        const bad = leaf === 'Int' ? BAD_INTS : leaf === 'Float' ? BAD_FLOATS : BAD_STRINGS;
        return Object.entries(bad).map(([label, value]) => ({ operation, field, path, value, label }));
      }),
    ),
  );
}

describe('input sweep: every text and number field of every operation', () => {
  let api: TestApi;
  let owner: SignedUp;
  let genre: string;
  let posesUploadId: string;
  let counter = 0;

  beforeAll(async () => {
    // Quotas out of the way, so a probe of requestSoundtrack reaches the insert it is meant to reach.
    api = await startTestApi({
      env: { MODEL_DIR, QUOTA_CONCURRENT_JOBS: '100000', QUOTA_SECONDS_PER_MONTH: '100000000' },
    });
    owner = await signUpTenant(api.graphqlUrl, 'sweep');
    const genres = ok(
      await gql<{ genres: { name: string }[] }>(
        api.graphqlUrl,
        '{ genres { name } }',
        {},
        { token: owner.token },
      ),
    );
    genre = genres.genres[0].name;
    const upload = await uploadBytes(api.baseUrl, synthPosesJson(3), { token: owner.token });
    expect(upload.status).toBe(201);
    posesUploadId = String(upload.body.id);
  });

  afterAll(async () => {
    await api?.stop();
  });

  /** A valid value for a leaf, from its name where the name says what it is, else from its type. */
  function validLeaf(name: string, leaf: Leaf): unknown {
    switch (name) {
      case 'email':
        return `sweep-${process.pid}-${Date.now()}-${++counter}@example.com`;
      case 'password':
        return 'correct horse battery';
      case 'genre':
        return genre;
      case 'posesUploadId':
        return posesUploadId;
      case 'tenantId':
        return owner.tenantId;
    }
    if (leaf === 'Int' || leaf === 'Float') return 1;
    if (leaf === 'ID') return randomUUID();
    return `sweep ${++counter}`;
  }

  /**
   * A valid value of `type`, with `target` (a path below it) holding `bad`. Optional fields are left out
   * unless the target is below them or a valid value is known by name (so requestSoundtrack has its upload).
   */
  function build(type: GraphQLInputType, name: string, target: string[] | null, bad: unknown): unknown {
    if (isNonNullType(type)) return build(type.ofType, name, target, bad);
    if (isListType(type)) return [build(type.ofType, name, target, bad)];
    if (target && target.length === 0) return bad;
    if (isInputObjectType(type)) {
      const out: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields())) {
        const below = target && target[0] === f.name ? target.slice(1) : null;
        if (below || isNonNullType(f.type) || KNOWN_OPTIONAL.has(f.name)) {
          if (!below && !isNonNullType(f.type) && f.defaultValue !== undefined) continue;
          out[f.name] = build(f.type, f.name, below, bad);
        }
      }
      return out;
    }
    if (isEnumType(type)) return type.getValues()[0].value;
    return validLeaf(name, getNamedType(type).name as Leaf);
  }

  const KNOWN_OPTIONAL = new Set(['posesUploadId']);

  function argumentsOf(args: readonly GraphQLArgument[], path: string[], bad: unknown) {
    const variables: Record<string, unknown> = {};
    for (const arg of args) {
      const below = arg.name === path[0] ? path.slice(1) : null;
      if (!below && !isNonNullType(arg.type)) continue;
      variables[arg.name] = build(arg.type, arg.name, below, bad);
    }
    return variables;
  }

  async function send(probe: Probe) {
    const variables = argumentsOf(probe.field.args, probe.path, probe.value);
    const used = probe.field.args.filter((a) => a.name in variables);
    const declared = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const passed = used.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = isCompositeType(getNamedType(probe.field.type)) ? '{ __typename }' : '';
    const query = `${probe.operation}(${declared}) { ${probe.field.name}(${passed}) ${selection} }`;
    return gql(api.graphqlUrl, query, variables, { token: owner.token });
  }

  const probes = [
    ...probesOf(schema.getMutationType(), 'mutation'),
    ...probesOf(schema.getQueryType(), 'query'),
  ];

  it('finds fields to sweep in the schema', () => {
    const swept = new Set(probes.map((p) => `${p.field.name}.${p.path.join('.')}`));
    for (const known of [
      'signUp.input.tenantName',
      'createDataset.input.name',
      'createApiKey.input.name',
      'requestSoundtrack.input.idempotencyKey',
      'requestSoundtrack.input.guidance',
    ]) {
      expect(swept).toContain(known);
    }
  });

  it('answers BAD_USER_INPUT naming the field, never INTERNAL_SERVER_ERROR', async () => {
    const wrong: string[] = [];
    for (const probe of probes) {
      const res = await send(probe);
      const error = res.errors?.[0];
      const leaf = probe.path.at(-1) ?? '';
      const where = `${probe.operation} ${probe.field.name} ${probe.path.join('.')} = ${probe.label}`;
      if (error?.extensions?.code !== 'BAD_USER_INPUT') {
        wrong.push(
          `${where}: ${error?.extensions?.code ?? `no error (${res.status})`} ${error?.message ?? ''}`,
        );
      } else if (!error.message.includes(leaf)) {
        wrong.push(`${where}: the message does not name ${leaf}: ${error.message}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('still serves after the sweep', async () => {
    const res = await gql<{ me: { role: string } }>(
      api.graphqlUrl,
      '{ me { role } }',
      {},
      { token: owner.token },
    );
    expect(ok(res).me.role).toBe('OWNER');
  });
});
