import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { Response } from 'express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/roles.decorator';
import { REDIS } from '@loris/engine';
import { probe } from './probe';

/**
 * Health for orchestrators. Readiness (/healthz/ready, and /healthz as before) asks Postgres and Redis: a pod
 * that cannot reach them leaves the Service until they answer again. Liveness (/healthz/live) asks nothing
 * but the process: its answering proves the event loop turns, and a database outage must not restart every
 * pod.
 */
@Controller('healthz')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** 200 when Postgres and Redis both answer within a second, 503 otherwise; says which is down. */
  @Public()
  @Get()
  health(@Res() res: Response): Promise<void> {
    return this.ready(res);
  }

  @Public()
  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.redis.ping()),
    ]);
    const ok = postgres === 'up' && redis === 'up';
    res
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ok ? 'ok' : 'degraded', postgres, redis });
  }

  @Public()
  @Get('live')
  live(@Res() res: Response): void {
    res.status(HttpStatus.OK).json({ status: 'ok' });
  }
}
