import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { Response } from 'express';
import { RaterError } from '@loris/domain';
import { databaseUnavailableError } from '@loris/engine';

/**
 * The rater routes' errors, as {error: {code, message}} with a matching status: a RaterError says what to
 * do in words for a rater; anything else is logged and answered as a plain "try again", never a stack.
 */
@Catch()
export class RaterErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('RaterApi');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return void res.destroy();
    if (thrown instanceof RaterError) {
      res.status(thrown.status).json({ error: { code: thrown.code, message: thrown.message } });
      return;
    }
    const status = (thrown as { status?: number; getStatus?: () => number }).getStatus?.();
    if (status === 429) {
      res
        .status(429)
        .json({ error: { code: 'RATE_LIMITED', message: 'Too many requests; wait a minute and go on.' } });
      return;
    }
    if (status === 400 || (thrown as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'BAD_INPUT', message: 'The request body is not valid JSON.' } });
      return;
    }
    const unavailable = databaseUnavailableError(thrown);
    if (unavailable) {
      res.status(503).json({
        error: { code: 'UNAVAILABLE', message: 'The study is briefly unavailable; try again in a moment.' },
      });
      return;
    }
    this.logger.error(thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown));
    res
      .status(500)
      .json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; try again.' } });
  }
}
