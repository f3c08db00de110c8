import { apiConnection } from './api-connection';
import { apiRefusal, apiUnreachable } from './api-errors';

describe('apiConnection', () => {
  it('takes --api over LORIS_API_URL over the local default, and the key from LORIS_API_KEY', () => {
    expect(apiConnection(undefined, { LORIS_API_KEY: ' k1 ' })).toEqual({
      url: 'http://127.0.0.1:4000',
      apiKey: 'k1',
    });
    const env = { LORIS_API_KEY: 'k2', LORIS_API_URL: 'https://api.example.com/' };
    expect(apiConnection(undefined, env)).toEqual({ url: 'https://api.example.com', apiKey: 'k2' });
    expect(apiConnection('http://10.0.0.5:8080/loris/', env).url).toBe('http://10.0.0.5:8080/loris');
  });

  it('refuses, in words, a missing key and an address that is not an http(s) URL', () => {
    expect(() => apiConnection(undefined, {})).toThrow(
      expect.objectContaining({
        code: 'API_KEY_MISSING',
        message: expect.stringContaining('set LORIS_API_KEY'),
      }),
    );
    expect(() => apiConnection(undefined, { LORIS_API_KEY: '  ' })).toThrow(/set LORIS_API_KEY/);
    expect(() => apiConnection('localhost 4000', { LORIS_API_KEY: 'k' })).toThrow(/is not a URL/);
    expect(() => apiConnection('ftp://host', { LORIS_API_KEY: 'k' })).toThrow(/must start with http/);
  });
});

describe('the API’s errors in words', () => {
  const url = 'http://127.0.0.1:4000';
  const refusal = (code: string, message: string) => apiRefusal({ message, extensions: { code } }, url);

  it('says what to do about the key for UNAUTHENTICATED and FORBIDDEN, and keeps the API’s code', () => {
    expect(refusal('UNAUTHENTICATED', 'Invalid API key')).toMatchObject({
      code: 'UNAUTHENTICATED',
      message:
        'the API at http://127.0.0.1:4000 refused the key in LORIS_API_KEY (Invalid API key): check that it is ' +
        'copied whole and has not been revoked or expired',
    });
    expect(refusal('FORBIDDEN', 'Your role (VIEWER) cannot do this.')).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(
        /^Your role \(VIEWER\) cannot do this: the role of the key in LORIS_API_KEY/,
      ),
    });
    expect(refusal('NOT_FOUND', 'Dataset x was not found').message).toBe(
      'Dataset x was not found in the workspace of the key in LORIS_API_KEY',
    );
    expect(refusal('BAD_USER_INPUT', 'first must be between 1 and 100')).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'first must be between 1 and 100',
    });
    expect(apiRefusal({ message: 'odd' }, url).code).toBe('API_ERROR');
  });

  it('names the address and the cause when nothing answers', () => {
    const error = apiUnreachable(
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      url,
    );
    expect(error).toMatchObject({
      code: 'API_UNREACHABLE',
      message:
        'cannot reach the LORIS API at http://127.0.0.1:4000 (ECONNREFUSED): start it, or give its address with ' +
        '--api or LORIS_API_URL',
    });
  });
});
