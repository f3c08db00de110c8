import { apiErrorFor, type ApiError } from '@/lib/api/api-error';
import type { RouteFailure } from '../lib/job-types';

// What the console's route handlers answer when something was refused: JSON with words fit for the user
// (never a stack) and the HTTP status the API gave, so scripts and media elements see the same outcome.
export function failureAnswer(status: number, error: ApiError): Response {
  const body: { error: RouteFailure } = { error: { code: error.code, message: error.message } };
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

export function noSessionAnswer(): Response {
  return failureAnswer(401, apiErrorFor('UNAUTHENTICATED'));
}

export function unreachableAnswer(): Response {
  return failureAnswer(502, apiErrorFor('API_UNREACHABLE'));
}

const statusByCode: Record<ApiError['code'], number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  SERVICE_UNAVAILABLE: 503,
  API_UNREACHABLE: 502,
  API_FAILED: 502,
};

// For a GraphQL refusal, whose HTTP status (200) says nothing: the status its code stands for.
export function apiErrorAnswer(error: ApiError): Response {
  return failureAnswer(statusByCode[error.code], error);
}
