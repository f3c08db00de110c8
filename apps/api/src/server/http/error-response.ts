import { Response } from 'express';
import { ErrorCode } from '@loris/engine';

/** A refusal written before GraphQL runs, in the same shape as GraphQL errors so clients parse one format. */
export function sendError(
  res: Response,
  status: number,
  code: ErrorCode,
  message: string,
  extensions: Record<string, string | number> = {},
): void {
  if (res.headersSent) return;
  res.status(status).json({ errors: [{ message, extensions: { ...extensions, code } }] });
}
