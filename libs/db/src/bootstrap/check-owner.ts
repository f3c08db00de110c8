import { withClient } from './admin-client';
import { maintenanceUrl } from './database-lifecycle';

export class OwnerRoleError extends Error {
  readonly code = 'OWNER_ROLE_INSUFFICIENT';
}

/**
 * Checks that DATABASE_URL's role can do what setup and the test suites do: create databases and the
 * app role. Fails with what to change instead of a mid-run permission error.
 */
export async function checkOwner(ownerUrl: string): Promise<string> {
  return withClient(maintenanceUrl(ownerUrl), async (client) => {
    const { rows } = await client.query(
      'SELECT current_user AS name, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user',
    );
    const role = rows[0];
    if (!role.rolsuper && !(role.rolcreatedb && role.rolcreaterole)) {
      throw new OwnerRoleError(
        `The role "${role.name}" of DATABASE_URL cannot create databases and roles; ` +
          `run "ALTER ROLE ${role.name} CREATEDB CREATEROLE" as a superuser or use the postgres role`,
      );
    }
    return role.name as string;
  });
}
