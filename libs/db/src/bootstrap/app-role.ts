import { Client } from 'pg';
import { databaseName } from '../config/database-config';
import { APPEND_ONLY_TABLES, AUTH_FUNCTIONS, OPERATOR_WRITTEN_TABLES, REAPER_FUNCTIONS } from '../migrations';
import { quoteIdent, quoteLiteral, withClient } from './admin-client';
import { maintenanceUrl } from './database-lifecycle';

export class UnsafeAppRoleError extends Error {
  readonly code = 'UNSAFE_APP_ROLE';
  constructor(role: string) {
    super(
      `The database role "${role}" is a superuser or has BYPASSRLS, so row-level security would not apply ` +
        `to it. Point DATABASE_APP_ROLE at an ordinary role (or drop "${role}" and let the setup create it).`,
    );
  }
}

/**
 * Makes sure the app role exists as an ordinary login role (no SUPERUSER, no BYPASSRLS), then grants it
 * data access on the migrated schema of `ownerUrl`'s database: rows of the tables (subject to their
 * policies) but no UPDATE or DELETE on the append-only audit log, the cross-tenant auth and reaper functions,
 * and nothing on the migrations table. Run after migrations.
 */
export async function ensureAppRole(ownerUrl: string, role: string, password: string): Promise<void> {
  // Roles belong to the whole cluster; an advisory lock keeps two test runs from creating it at once.
  await withClient(maintenanceUrl(ownerUrl), async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`loris-role:${role}`]);
    try {
      await createOrAlterRole(client, role, password);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`loris-role:${role}`]);
    }
  });

  const r = quoteIdent(role);
  await withClient(ownerUrl, async (client) => {
    await client.query(`
      GRANT CONNECT ON DATABASE ${quoteIdent(databaseName(ownerUrl))} TO ${r};
      GRANT USAGE ON SCHEMA public TO ${r};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
      REVOKE ALL ON TABLE migrations FROM ${r};
      REVOKE UPDATE, DELETE, TRUNCATE ON TABLE ${APPEND_ONLY_TABLES.join(', ')} FROM ${r};
      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE ${OPERATOR_WRITTEN_TABLES.join(', ')} FROM ${r};
      GRANT EXECUTE ON FUNCTION ${[...AUTH_FUNCTIONS, ...REAPER_FUNCTIONS].join(', ')} TO ${r};
    `);
  });
}

async function createOrAlterRole(client: Client, role: string, password: string): Promise<void> {
  const found = await client.query('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [role]);
  const credentials = password ? `PASSWORD ${quoteLiteral(password)}` : 'PASSWORD NULL';
  if (!found.rowCount) {
    await client.query(
      `CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE ${credentials}`,
    );
    return;
  }
  if (found.rows[0].rolsuper || found.rows[0].rolbypassrls) throw new UnsafeAppRoleError(role);
  await client.query(`ALTER ROLE ${quoteIdent(role)} LOGIN ${credentials}`);
}
