/** Where the database is and who connects to it. Read once from the environment by each app. */
export interface DatabaseConfig {
  /** Owner connection: creates the database, runs migrations, creates and grants the app role. */
  ownerUrl: string;
  /** The app role's connection (no BYPASSRLS): everything the API and the worker do at run time. */
  appUrl: string;
  appRole: string;
  appPassword: string;
  poolSize: number;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/loris';
const DEFAULT_APP_ROLE = 'loris_app';

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const ownerUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const appRole = env.DATABASE_APP_ROLE || DEFAULT_APP_ROLE;
  const appPassword = env.DATABASE_APP_PASSWORD ?? DEFAULT_APP_ROLE;
  const poolSize = Number(env.DATABASE_POOL_SIZE || 10);
  if (!Number.isInteger(poolSize) || poolSize < 1) {
    throw new Error(`DATABASE_POOL_SIZE must be a positive integer, got "${env.DATABASE_POOL_SIZE}"`);
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(appRole)) {
    throw new Error(`DATABASE_APP_ROLE must be a lower-case SQL identifier, got "${appRole}"`);
  }
  const appUrl = env.DATABASE_APP_URL || withCredentials(ownerUrl, appRole, appPassword);
  return { ownerUrl, appUrl, appRole, appPassword, poolSize };
}

/** The same server and database as `url`, logged in as another role. */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}

/** The same server as `url`, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`The database URL ${redactUrl(url)} names no database`);
  return name;
}

/** A URL fit for logs: the password replaced. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
