import { NextFunction, Request, Response } from 'express';
import { sendError } from './error-response';
import { ErrorCode } from '@loris/engine';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * Express error handler placed right after the JSON body parser: turns its failures into short JSON
 * answers (Express' default would print an HTML page with a stack trace).
 */
export function jsonBodyErrors(
  error: BodyParserError,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  switch (error.type) {
    case 'entity.parse.failed':
      return sendError(res, 400, ErrorCode.BAD_USER_INPUT, 'The request body is not valid JSON');
    case 'entity.too.large':
      return sendError(
        res,
        413,
        ErrorCode.BAD_USER_INPUT,
        `The request body is too large (the limit is ${error.limit ?? 'exceeded'} bytes)`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return sendError(res, 415, ErrorCode.BAD_USER_INPUT, 'The request body must be UTF-8 JSON');
    case 'request.aborted':
      return sendError(res, 400, ErrorCode.BAD_USER_INPUT, 'The request was aborted before its body arrived');
    default:
      if (error.status && error.status >= 400 && error.status < 500) {
        return sendError(res, error.status, ErrorCode.BAD_USER_INPUT, 'The request body could not be read');
      }
      return next(error);
  }
}
