export interface GraphQLError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
  path?: (string | number)[];
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: GraphQLError[];
  /** The raw body, for checks that look at the text (no stack traces, no SQL). */
  text: string;
}

export interface Credentials {
  token?: string;
  apiKey?: string;
}

/** One GraphQL request over real HTTP, as a client would send it. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  credentials: Credentials = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
  if (credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  let body: { data?: T | null; errors?: GraphQLError[] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Left empty: the caller inspects status and text.
  }
  return { status: res.status, headers: res.headers, data: body.data, errors: body.errors, text };
}

/** The data of a response that must have succeeded; throws with the errors otherwise. */
export function ok<T>(res: GraphQLResponse<T>): T {
  if (res.errors?.length || !res.data) {
    throw new Error(`GraphQL request failed (${res.status}): ${JSON.stringify(res.errors ?? res.text)}`);
  }
  return res.data;
}

export interface SignedUp {
  token: string;
  userId: string;
  tenantId: string;
  email: string;
}

let counter = 0;

/** Signs up a fresh tenant and owner through the API. */
export async function signUpTenant(graphqlUrl: string, label = 'tenant'): Promise<SignedUp> {
  const email = `${label}-${process.pid}-${Date.now()}-${++counter}@example.com`;
  const res = await gql<{ signUp: { token: string; user: { id: string }; tenant: { id: string } } }>(
    graphqlUrl,
    `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } tenant { id } } }`,
    { input: { email, password: 'correct horse battery', tenantName: `${label} ${counter}` } },
  );
  const { signUp } = ok(res);
  return { token: signUp.token, userId: signUp.user.id, tenantId: signUp.tenant.id, email };
}

/** Creates an API key with `role` as the given owner; returns its secret and id. */
export async function createApiKey(
  graphqlUrl: string,
  ownerToken: string,
  role: string,
  name = `${role.toLowerCase()} key`,
): Promise<{ secret: string; id: string }> {
  const res = await gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    graphqlUrl,
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
    { input: { name, role } },
    { token: ownerToken },
  );
  const { createApiKey: created } = ok(res);
  return { secret: created.secret, id: created.apiKey.id };
}

/** requestSoundtrack(input) as the caller; the response, for tests that look at refusals. */
export function requestSoundtrack(
  graphqlUrl: string,
  credentials: Credentials,
  input: Record<string, unknown>,
): Promise<GraphQLResponse<{ requestSoundtrack: { id: string } }>> {
  return gql(
    graphqlUrl,
    `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }`,
    { input },
    credentials,
  );
}

/** requestSoundtrack(input) that must succeed: the new job's id. */
export async function requestSoundtrackId(
  graphqlUrl: string,
  credentials: Credentials,
  input: Record<string, unknown>,
): Promise<string> {
  return ok(await requestSoundtrack(graphqlUrl, credentials, input)).requestSoundtrack.id;
}
