import { appConfigFromEnv, ConfigError } from './app-config';

describe('appConfigFromEnv', () => {
  it('runs on one machine with no settings at all', () => {
    const config = appConfigFromEnv({});
    expect(config.port).toBe(4000);
    expect(config.database.ownerUrl).toBe('postgres://postgres@127.0.0.1:5432/loris');
    expect(config.database.appUrl).toBe('postgres://loris_app:loris_app@127.0.0.1:5432/loris');
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'loris' });
    expect(config.graphql).toEqual({
      maxDepth: 15,
      maxComplexity: 5000,
      maxRootFields: 20,
      introspection: true,
    });
    expect(config.soundtracks).toEqual({
      modelDir: 'models/default',
      maxConcurrentJobs: 4,
      maxSecondsPerMonth: 3600,
    });
    expect(config.quotas).toEqual({
      maxStoredBytes: 10 * 1024 ** 3,
      maxTrainingMinutesPerMonth: 600,
      maxEvaluationSamplesPerMonth: 2000,
    });
    expect(config.uploads.maxBytes).toBe(500 * 1024 * 1024);
  });

  it('refuses to run in production without a token secret, and turns introspection off there', () => {
    expect(() => appConfigFromEnv({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => appConfigFromEnv({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: 'short' })).toThrow(/32/);
    const config = appConfigFromEnv({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: 'x'.repeat(32) });
    expect(config.graphql.introspection).toBe(false);
  });

  it('names the variable and the value it could not use', () => {
    expect(() => appConfigFromEnv({ RATE_LIMIT_MAX: 'lots' })).toThrow(
      'RATE_LIMIT_MAX must be an integer of at least 1, got "lots"',
    );
    expect(() => appConfigFromEnv({ DATABASE_APP_ROLE: 'Robert"; DROP' })).toThrow(/DATABASE_APP_ROLE/);
  });

  it('derives the app connection from DATABASE_URL unless DATABASE_APP_URL is given', () => {
    const derived = appConfigFromEnv({
      DATABASE_URL: 'postgres://owner:secret@db.internal:6543/studio',
      DATABASE_APP_ROLE: 'studio_app',
      DATABASE_APP_PASSWORD: 'p@ss',
    });
    expect(derived.database.appUrl).toBe('postgres://studio_app:p%40ss@db.internal:6543/studio');
    const given = appConfigFromEnv({ DATABASE_APP_URL: 'postgres://pooler:1/x' });
    expect(given.database.appUrl).toBe('postgres://pooler:1/x');
  });

  it('lets a worker pool take chosen queues, and every queue by default', () => {
    expect(appConfigFromEnv({}).worker.queues).toEqual(['audit', 'generate', 'ingest', 'evaluate', 'train']);
    expect(appConfigFromEnv({ WORKER_QUEUES: ' generate , generate,' }).worker.queues).toEqual(['generate']);
    expect(() => appConfigFromEnv({ WORKER_QUEUES: 'generate,render' })).toThrow(
      'WORKER_QUEUES names unknown queues (render); the queues are audit, generate, ingest, evaluate, train',
    );
    expect(() => appConfigFromEnv({ WORKER_QUEUES: ',' })).toThrow('WORKER_QUEUES lists no queue');
  });

  it('runs the model on the CPU unless told cuda', () => {
    expect(appConfigFromEnv({}).worker.executionProvider).toBe('cpu');
    expect(appConfigFromEnv({ WORKER_EXECUTION_PROVIDER: 'cuda' }).worker.executionProvider).toBe('cuda');
    expect(() => appConfigFromEnv({ WORKER_EXECUTION_PROVIDER: 'gpu' })).toThrow(
      'WORKER_EXECUTION_PROVIDER must be one of cpu, cuda, got "gpu"',
    );
  });

  it('reads the log settings and the OTLP traces endpoint (off without one)', () => {
    const plain = appConfigFromEnv({});
    expect(plain.logging).toEqual({ level: 'info', format: 'json' });
    expect(plain.tracing).toEqual({ tracesUrl: undefined, serviceName: undefined });
    expect(appConfigFromEnv({ LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty' }).logging).toEqual({
      level: 'debug',
      format: 'pretty',
    });
    expect(() => appConfigFromEnv({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL must be one of');
    expect(
      appConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing.tracesUrl,
    ).toBe('http://collector:4318/v1/traces');
    const traces = appConfigFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector/custom',
      OTEL_SERVICE_NAME: 'api-eu',
    }).tracing;
    expect(traces).toEqual({ tracesUrl: 'https://collector/custom', serviceName: 'api-eu' });
    expect(() => appConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an http/,
    );
  });
  it("reads the worker's HTTP server and METRICS_ENABLED", () => {
    const plain = appConfigFromEnv({});
    expect(plain.worker).toMatchObject({ httpPort: 4100, httpHost: '127.0.0.1' });
    expect(plain.metrics).toEqual({ enabled: true });
    const set = appConfigFromEnv({
      WORKER_HTTP_PORT: '0',
      WORKER_HTTP_HOST: '0.0.0.0',
      METRICS_ENABLED: 'false',
    });
    expect(set.worker).toMatchObject({ httpPort: 0, httpHost: '0.0.0.0' });
    expect(set.metrics).toEqual({ enabled: false });
    expect(() => appConfigFromEnv({ METRICS_ENABLED: 'no' })).toThrow(
      'METRICS_ENABLED must be true or false, got "no"',
    );
    expect(() => appConfigFromEnv({ WORKER_HTTP_PORT: '-1' })).toThrow(/WORKER_HTTP_PORT/);
  });
});
