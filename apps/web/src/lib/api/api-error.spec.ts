import { ApiError, apiErrorFromBody, parseGraphqlResponse } from './api-error';

function refusal(status: number, body: unknown): ApiError {
  try {
    parseGraphqlResponse(status, body);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('parseGraphqlResponse', () => {
  it('returns data when there are no errors', () => {
    expect(parseGraphqlResponse(200, { data: { me: { role: 'OWNER' } } })).toEqual({ me: { role: 'OWNER' } });
  });

  it("shows the API's own words for input and lookup errors", () => {
    const error = refusal(200, {
      errors: [{ message: 'email must be a valid email address', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('email must be a valid email address');
    expect(
      refusal(200, {
        errors: [{ message: 'Wrong email or password', extensions: { code: 'UNAUTHENTICATED' } }],
      }).message,
    ).toBe('Wrong email or password');
  });

  it("shows the API's words for a refusal by role, and its own when the API gave none", () => {
    const said = 'Your role (VIEWER) may not do this; it needs OWNER';
    expect(refusal(200, { errors: [{ message: said, extensions: { code: 'FORBIDDEN' } }] }).message).toBe(
      said,
    );
    const silent = refusal(200, { errors: [{ message: ' ', extensions: { code: 'FORBIDDEN' } }] });
    expect(silent.code).toBe('FORBIDDEN');
    expect(silent.message).toMatch(/role/);
  });

  it('never passes on the text of an internal error', () => {
    const error = refusal(500, {
      errors: [
        { message: 'relation "datasets" does not exist', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
    });
    expect(error.code).toBe('API_FAILED');
    expect(error.message).not.toMatch(/relation|datasets/);
  });

  it('reads rate limiting from the code or from HTTP 429', () => {
    expect(refusal(200, { errors: [{ message: 'x', extensions: { code: 'RATE_LIMITED' } }] }).code).toBe(
      'RATE_LIMITED',
    );
    expect(refusal(429, null).code).toBe('RATE_LIMITED');
    expect(refusal(429, { errors: [{ message: 'slow down' }] }).code).toBe('RATE_LIMITED');
  });

  it('treats an answer without data or errors as a failure', () => {
    expect(refusal(413, null).code).toBe('API_FAILED');
    expect(refusal(200, { data: null }).code).toBe('API_FAILED');
    expect(refusal(200, 'not json').code).toBe('API_FAILED');
  });

  it("shows the API's words for an exceeded quota", () => {
    const said = "This request would exceed your tenant's 3600 s of audio per month (10 s left)";
    const error = refusal(200, { errors: [{ message: said, extensions: { code: 'QUOTA_EXCEEDED' } }] });
    expect([error.code, error.message]).toEqual(['QUOTA_EXCEEDED', said]);
  });
});

describe('apiErrorFromBody', () => {
  it('reads the media routes’ refusals, which share the GraphQL error shape', () => {
    const missing = apiErrorFromBody(404, {
      errors: [{ message: 'Media 1234 was not found', extensions: { code: 'NOT_FOUND' } }],
    });
    expect([missing.code, missing.message]).toEqual(['NOT_FOUND', 'Media 1234 was not found']);
    expect(apiErrorFromBody(502, '<html>Bad gateway</html>').code).toBe('API_FAILED');
    expect(apiErrorFromBody(429, null).code).toBe('RATE_LIMITED');
  });
});
