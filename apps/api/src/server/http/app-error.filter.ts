import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { sendError } from './error-response';
import { AppError, databaseUnavailableError, ErrorCode } from '@loris/engine';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.QUOTA_EXCEEDED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/** HTTP routes (media upload and download) answer errors in the GraphQL error shape, with a matching status. */
@Catch()
export class HttpAppErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const error = databaseUnavailableError(thrown) ?? thrown;
    const res = host.switchToHttp().getResponse<Response>();
    // Refused before its body was read (too large, bad credentials): the rest of the body would otherwise be
    // taken for the next request on this keep-alive connection.
    if (!host.switchToHttp().getRequest<Request>().complete) res.setHeader('Connection', 'close');
    if (error instanceof AppError) {
      const status = (error as { status?: number }).status ?? STATUS[error.code];
      if (res.headersSent) return void res.destroy();
      res.status(status).json({
        errors: [{ message: error.message, extensions: { ...error.extensions, code: error.code } }],
      });
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (res.headersSent) return void res.destroy();
    sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}
