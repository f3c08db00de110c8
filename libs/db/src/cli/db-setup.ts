// `node -r ./tools/register-paths.js dist/libs/db/src/cli/db-setup.js`: creates the database named by
// DATABASE_URL and the app role when missing, and applies pending migrations (tools/start.sh runs it).
import { databaseConfigFromEnv, redactUrl } from '../config/database-config';
import { setupDatabase } from '../bootstrap/setup-database';

async function main(): Promise<void> {
  const config = databaseConfigFromEnv();
  const report = await setupDatabase(config);
  const what = report.created ? 'created' : 'exists';
  const migrations = report.migrations.length ? report.migrations.join(', ') : 'none pending';
  console.log(`database ${redactUrl(config.ownerUrl)} ${what}; migrations applied: ${migrations}`);
  console.log(`app role "${config.appRole}" ready (no BYPASSRLS)`);
}

main().catch((error: Error & { code?: string }) => {
  console.error(`Database setup failed: ${error.message}${error.code ? ` (${error.code})` : ''}`);
  process.exit(1);
});
