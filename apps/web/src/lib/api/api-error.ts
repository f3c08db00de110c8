// Every failure of a call to the API ends up as one ApiError whose message is fit to show to the user:
// the codes are the API's `extensions.code` values plus two of ours for failures outside GraphQL.
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'QUOTA_EXCEEDED'
  | 'SERVICE_UNAVAILABLE'
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
  QUOTA_EXCEEDED: 'This workspace has used its allowance for now. Try again later or ask for a smaller job.',
  SERVICE_UNAVAILABLE: 'The service is briefly unavailable and nothing was done. Try again in a few seconds.',
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

// The error of an answer that failed: GraphQL's and the media routes' bodies share the `{errors}` shape.
// Unknown codes (INTERNAL_SERVER_ERROR, a validation failure of our own document) never show the server's
// text: it is not written for users.
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const errors = (body as { errors?: GraphqlErrorBody[] } | null)?.errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  const code = knownCode(first?.extensions?.code) ?? (status === 429 ? 'RATE_LIMITED' : 'API_FAILED');
  return apiErrorFor(code, typeof first?.message === 'string' ? first.message : undefined);
}

// Turns one HTTP answer of the API into data or an ApiError.
export function parseGraphqlResponse<TResult>(status: number, body: unknown): TResult {
  const errors = (body as { errors?: unknown[] } | null)?.errors;
  const data = (body as { data?: TResult | null } | null)?.data;
  const failed = (Array.isArray(errors) && errors.length > 0) || status >= 400;
  if (failed || data === undefined || data === null) throw apiErrorFromBody(status, body);
  return data;
}
