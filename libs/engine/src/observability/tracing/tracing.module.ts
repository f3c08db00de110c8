import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Tracing } from './tracing';

const TRACING = Symbol('TRACING');

// onApplicationShutdown runs after every beforeApplicationShutdown (where the worker waits for its
// running jobs), so the spans of the last jobs are in the final export.
@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  constructor(@Inject(TRACING) private readonly tracing: Tracing | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.tracing?.shutdown();
  }
}

/** Ties a process's tracer provider to its Nest app: closing the app flushes and unregisters it. */
@Module({})
export class TracingModule {
  static forRoot(tracing: Tracing | undefined): DynamicModule {
    return {
      module: TracingModule,
      providers: [{ provide: TRACING, useValue: tracing ?? null }, TracingShutdown],
    };
  }
}

/** `root` with TracingModule added to its imports, so a process's app owns its provider's lifetime. */
export function withTracingModule(root: DynamicModule, tracing: Tracing | undefined): DynamicModule {
  return { ...root, imports: [...(root.imports ?? []), TracingModule.forRoot(tracing)] };
}
