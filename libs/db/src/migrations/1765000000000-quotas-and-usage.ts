import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quotas and usage (issue 18): a tenant's limits cover stored bytes, training minutes and evaluation
 * samples as well as generation, and only operators change them.
 *
 * "Only operators" is the database's rule, not the API's: the app role may read tenant_quotas (the usage
 * page, the quota checks) but not write it (app-role.ts revokes that), so no route, resolver or bug in the
 * API can raise a tenant's limits. `loris admin quotas set` writes them with the owner connection.
 */
export class QuotasAndUsage1765000000000 implements MigrationInterface {
  name = 'QuotasAndUsage1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenant_quotas
        ADD COLUMN max_stored_bytes bigint CHECK (max_stored_bytes >= 0),
        ADD COLUMN max_training_minutes_per_month integer CHECK (max_training_minutes_per_month >= 0),
        ADD COLUMN max_evaluation_samples_per_month integer CHECK (max_evaluation_samples_per_month >= 0);
    `);
    for (const table of OPERATOR_WRITTEN_TABLES)
      await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenant_quotas
        DROP COLUMN max_evaluation_samples_per_month,
        DROP COLUMN max_training_minutes_per_month,
        DROP COLUMN max_stored_bytes;
    `);
  }
}

/** Tables the app role may only read: operators write them with the owner connection (see app-role.ts). */
export const OPERATOR_WRITTEN_TABLES = ['tenant_quotas'];
