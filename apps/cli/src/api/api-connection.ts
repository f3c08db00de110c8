import { CliError } from '../cli.error';

/** Where `loris` finds the API when neither --api nor LORIS_API_URL says: the API's own default port. */
export const DEFAULT_API_URL = 'http://127.0.0.1:4000';

/** The API an API-backed command talks to, and the key it sends. */
export interface ApiConnection {
  /** The API's origin, without a trailing slash: GraphQL at /graphql, media under /v1. */
  url: string;
  apiKey: string;
}

/**
 * The connection of every API-backed command: the address from --api, else LORIS_API_URL, else the local
 * default; the key from LORIS_API_KEY only (never a flag, so it stays out of shell history and `ps`).
 */
export function apiConnection(
  apiOption: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ApiConnection {
  const given = apiOption ?? env.LORIS_API_URL?.trim() ?? '';
  const text = given === '' ? DEFAULT_API_URL : given;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(
      'INVALID_ARGUMENT',
      `the API address "${text}" is not a URL; give one like ${DEFAULT_API_URL}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError('INVALID_ARGUMENT', `the API address "${text}" must start with http:// or https://`);
  }
  const apiKey = env.LORIS_API_KEY?.trim() ?? '';
  if (apiKey === '') {
    throw new CliError(
      'API_KEY_MISSING',
      `set LORIS_API_KEY to an API key of your workspace (an owner creates one in the console under API keys) ` +
        `to use the API at ${url.origin}`,
    );
  }
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, apiKey };
}
