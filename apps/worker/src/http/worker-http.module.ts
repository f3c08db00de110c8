import { Module } from '@nestjs/common';
import { SoundtracksModule } from '@loris/domain';
import { WorkerHealth } from './worker-health.service';
import { WorkerHttpServer } from './worker-http.server';

/** The worker's HTTP server (health, /metrics) and its readiness; SoundtracksModule for the serving model. */
@Module({
  imports: [SoundtracksModule],
  providers: [WorkerHealth, WorkerHttpServer],
  exports: [WorkerHttpServer],
})
export class WorkerHttpModule {}
