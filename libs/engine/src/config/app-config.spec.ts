import { appConfigFromEnv, ConfigError } from './app-config';

describe('appConfigFromEnv', () => {
  it('runs on one machine with no settings at all', () => {
    const config = appConfigFromEnv({});
    expect(config.port).toBe(4000);
    expect(config.database.ownerUrl).toBe('postgres://postgres@127.0.0.1:5432/loris');
    expect(config.database.appUrl).toBe('postgres://loris_app:loris_app@127.0.0.1:5432/loris');
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'loris' });
    expect(config.graphql).toEqual({ maxDepth: 15, maxComplexity: 5000, introspection: true });
    expect(config.soundtracks).toEqual({
      modelDir: 'models/default',
      maxConcurrentJobs: 4,
      maxSecondsPerMonth: 3600,
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
});
