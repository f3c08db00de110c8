// `bash tools/db-setup.sh [--check]` runs this from dist/: creates the database named by DATABASE_URL and
// the app role when missing and applies pending migrations; with --check, only verifies that the owner
// role may do so (what the test suites need to create their own databases).
import { checkOwner } from '../bootstrap/check-owner';
import { setupDatabase } from '../bootstrap/setup-database';
import { databaseConfigFromEnv, redactUrl } from '../config/database-config';

async function main(): Promise<void> {
  const config = databaseConfigFromEnv();
  const owner = await checkOwner(config.ownerUrl);
  if (process.argv.includes('--check')) {
    console.log(`Postgres owner role "${owner}" may create databases and roles`);
    return;
  }
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
