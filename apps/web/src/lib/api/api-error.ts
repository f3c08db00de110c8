// Every failure of a call to the API ends up as one ApiError whose message is fit to show to the user:
// the codes are the API's `extensions.code` values plus two of ours for failures outside GraphQL.
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'API_UNREACHABLE'
  | 'API_FAILED';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// Words for when the API gave a known code without usable text; the API's own messages for these codes are
// written for users (AppError in apps/api), so they are shown as they are.
const fallbackMessages: Record<ApiErrorCode, string> = {
  UNAUTHENTICATED: 'Your session has ended. Log in again.',
  FORBIDDEN: 'Your role in this workspace does not allow this. Ask an owner.',
  BAD_USER_INPUT: 'Some of the values entered are not valid.',
  NOT_FOUND: 'That item does not exist, or it belongs to another workspace.',
  RATE_LIMITED: 'Too many requests in a short time. Wait a few seconds and try again.',
  API_UNREACHABLE: 'The LORIS API is not reachable right now. Try again in a moment.',
  API_FAILED: 'The LORIS API could not complete the request. Try again later.',
};

function knownCode(code: unknown): ApiErrorCode | undefined {
  return typeof code === 'string' && code in fallbackMessages ? (code as ApiErrorCode) : undefined;
}

export function apiErrorFor(code: ApiErrorCode, serverMessage?: string): ApiError {
  const message = serverMessage?.trim();
  const usable = code !== 'API_UNREACHABLE' && code !== 'API_FAILED' && message && message.length <= 300;
  return new ApiError(code, usable ? message : fallbackMessages[code]);
}

interface GraphqlErrorBody {
  message?: unknown;
  extensions?: { code?: unknown };
}

// Turns one HTTP answer of the API into data or an ApiError. Unknown codes (INTERNAL_SERVER_ERROR, a
// validation failure of our own document) never show the server's text: it is not written for users.
export function parseGraphqlResponse<TResult>(status: number, body: unknown): TResult {
  const errors = (body as { errors?: GraphqlErrorBody[] } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0];
    const code = knownCode(first.extensions?.code) ?? (status === 429 ? 'RATE_LIMITED' : 'API_FAILED');
    throw apiErrorFor(code, typeof first.message === 'string' ? first.message : undefined);
  }
  if (status === 429) throw apiErrorFor('RATE_LIMITED');
  const data = (body as { data?: TResult | null } | null)?.data;
  if (status >= 400 || data === undefined || data === null) throw apiErrorFor('API_FAILED');
  return data;
}
