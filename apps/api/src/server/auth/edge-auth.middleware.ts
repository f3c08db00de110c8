import { Logger } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { sendError } from '../http/error-response';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { rateSubject } from '../rate-limit/rate-subject';
import { RequestWithTenant } from '../tenancy/request-with-tenant';
import { RequestAuthenticator } from './request-authenticator.service';
import { AppError, databaseUnavailableError, ErrorCode } from '@loris/engine';

const logger = new Logger('EdgeAuth');

/**
 * The edge of every GraphQL request: resolves the caller once (bearer token or X-API-Key), then charges
 * the request to the caller's budget in Redis (per key, per member, or per IP for anonymous and failed
 * callers, so guessing keys is limited too), then refuses bad credentials.
 */
export function edgeAuth(authenticator: RequestAuthenticator, limiter: RateLimiter) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    let failure: AppError | undefined;
    try {
      (req as RequestWithTenant).tenant = await authenticator.authenticate({
        authorization: req.header('authorization'),
        apiKey: req.header('x-api-key'),
      });
    } catch (error) {
      if (!(error instanceof AppError)) return fail(res, error);
      failure = error;
    }

    const tenant = (req as RequestWithTenant).tenant;
    const subject = rateSubject(tenant, req.ip);
    try {
      const decision = await limiter.hit(subject, !tenant);
      res.setHeader('RateLimit-Limit', decision.limit);
      res.setHeader('RateLimit-Remaining', decision.remaining);
      if (!decision.allowed) {
        const seconds = Math.ceil(decision.resetMs / 1000);
        res.setHeader('Retry-After', seconds);
        return sendError(res, 429, ErrorCode.RATE_LIMITED, `Too many requests; try again in ${seconds} s`, {
          retryAfterSeconds: seconds,
        });
      }
    } catch (error) {
      // Redis being away must not take the API down with it; /healthz reports it.
      logger.warn(`Rate limit not applied: ${(error as Error).message}`);
    }

    if (failure) return sendError(res, 401, failure.code, failure.message);
    next();
  };
}

function fail(res: Response, error: unknown): void {
  const unavailable = databaseUnavailableError(error);
  if (unavailable) {
    logger.warn(`credentials not checked: ${(error as Error).message}`);
    res.setHeader('Retry-After', String(unavailable.extensions.retryAfterSeconds));
    return sendError(res, 503, unavailable.code, unavailable.message, unavailable.extensions);
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
}
