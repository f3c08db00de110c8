import { Global, Module } from '@nestjs/common';
import { JobEvents } from './job-events.service';

/** The job events channel (one Redis subscriber connection per process). */
@Global()
@Module({ providers: [JobEvents], exports: [JobEvents] })
export class EventsModule {}
