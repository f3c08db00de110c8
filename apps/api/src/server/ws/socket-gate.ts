import { Logger } from '@nestjs/common';
import { RequestAuthenticator } from '../auth/request-authenticator.service';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { rateSubject } from '../rate-limit/rate-subject';
import { Authentication, SocketSession } from './socket-session';
import { AppError, RateLimitedError, UnauthenticatedError } from '@loris/engine';

const logger = new Logger('SocketGate');

/**
 * What the HTTP edge (edge-auth.middleware) does for a request, done for a socket's connection_init and
 * for each of its operations: authenticate the credentials as they stand now, then charge the same Redis
 * budget HTTP charges (per API key, per member, or per IP without valid credentials).
 */
export class SocketGate {
  constructor(
    private readonly authenticator: RequestAuthenticator,
    private readonly limiter: RateLimiter,
  ) {}

  /** The caller the session's credentials name now; other failures (the database away) are thrown. */
  async authenticate(session: SocketSession): Promise<Authentication> {
    try {
      const tenant = await this.authenticator.authenticate(session.credentials);
      if (tenant) return { tenant };
      return {
        refused: new UnauthenticatedError(
          'Send connectionParams { authorization: "Bearer <token>" } or { apiKey: "<secret>" } to use this socket',
        ),
      };
    } catch (error) {
      if (error instanceof AppError) return { refused: error };
      throw error;
    }
  }

  /**
   * Authenticates and charges one message (connection_init or subscribe). The answer is the caller, or
   * the error to send: RATE_LIMITED first (as HTTP's 429 comes before its 401), then the credentials'.
   * Running subscriptions learn the outcome too, so a revocation ends them at once.
   */
  async admit(session: SocketSession): Promise<Authentication> {
    const result = await this.authenticate(session);
    session.apply(result);
    const tenant = 'tenant' in result ? result.tenant : undefined;
    const limited = await this.charge(rateSubject(tenant, session.ip), !tenant);
    return limited ? { refused: limited } : result;
  }

  private async charge(subject: string, anonymous: boolean): Promise<RateLimitedError | undefined> {
    try {
      const decision = await this.limiter.hit(subject, anonymous);
      if (!decision.allowed) return new RateLimitedError(Math.ceil(decision.resetMs / 1000));
    } catch (error) {
      // As over HTTP: Redis being away must not take the API down with it; /healthz reports it.
      logger.warn(`Rate limit not applied: ${(error as Error).message}`);
    }
    return undefined;
  }
}
