import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, REDIS } from '@loris/engine';
import Redis from 'ioredis';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetMs: number;
}

// Fixed window per subject, in one round trip: the first hit of a window starts its expiry.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

type RedisWithHit = Redis & { lorisRateHit(key: string, windowMs: number): Promise<[number, number]> };

/** Request budgets kept in Redis, so they hold across API processes and restarts. */
@Injectable()
export class RateLimiter {
  private readonly redis: RedisWithHit;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // A defined command goes as EVALSHA (the script's hash, not its text) and falls back to EVAL once.
    redis.defineCommand('lorisRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis = redis as RedisWithHit;
  }

  /**
   * Counts one request for `subject` (`key:<id>`, `user:<id>` or `ip:<addr>`; the rater routes use their own
   * subjects and pass their own `limit`).
   */
  async hit(subject: string, anonymous: boolean, limit?: number): Promise<RateDecision> {
    const { windowMs, maxPerKey, maxAnonymous } = this.config.rateLimit;
    limit ??= anonymous ? maxAnonymous : maxPerKey;
    const key = `${this.config.redis.keyPrefix}:rate:${subject}`;
    const [count, ttl] = await this.redis.lorisRateHit(key, windowMs);
    return {
      allowed: count <= limit,
      limit,
      remaining: Math.max(0, limit - count),
      resetMs: ttl > 0 ? ttl : windowMs,
    };
  }
}
