import { CanActivate, ExecutionContext, HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@loris/engine';
import { RateLimiter } from '../../server/rate-limit/rate-limiter.service';

const logger = new Logger('RaterRateLimit');

/** The rater's session token from `Authorization: Bearer <token>`; undefined when absent. */
export function raterToken(req: Request): string | undefined {
  const header = req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Every rater request is charged twice: to the client IP and to the rater's token (the session token, or
 * for starting a session the link in the body), each with its own budget (RATER_RATE_LIMIT_PER_IP,
 * RATER_RATE_LIMIT_PER_TOKEN). Tokens are keyed by a hash, never stored in Redis as they are.
 */
@Injectable()
export class RaterRateLimit implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const body = req.body as { link?: unknown } | undefined;
    const token = raterToken(req) ?? (typeof body?.link === 'string' ? body.link : undefined);
    const { maxPerRaterIp, maxPerRaterToken } = this.config.rateLimit;
    try {
      const checks = [this.limiter.hit(`rater-ip:${req.ip ?? 'unknown'}`, true, maxPerRaterIp)];
      if (token) {
        const key = createHash('sha256').update(token).digest('hex').slice(0, 32);
        checks.push(this.limiter.hit(`rater-token:${key}`, true, maxPerRaterToken));
      }
      const decisions = await Promise.all(checks);
      const refused = decisions.find((d) => !d.allowed);
      if (refused) {
        res.setHeader('Retry-After', String(Math.ceil(refused.resetMs / 1000)));
        throw new HttpException('rate limited', 429);
      }
    } catch (error) {
      if (error instanceof HttpException) throw error;
      // Redis being away must not stop a study midway; /healthz reports it.
      logger.warn(`rater rate limit not applied: ${(error as Error).message}`);
    }
    return true;
  }
}
