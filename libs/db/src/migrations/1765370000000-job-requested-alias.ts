import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alias a soundtrack request named, kept beside the version it resolved to: a replayed idempotencyKey
 * that names an alias must name the same one, and the alias may have moved since, so comparing the
 * versions would refuse an honest retry or accept a request for another alias.
 */
export class JobRequestedAlias1765370000000 implements MigrationInterface {
  name = 'JobRequestedAlias1765370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE soundtrack_jobs ADD COLUMN requested_model_alias text
      CHECK (length(requested_model_alias) BETWEEN 1 AND 64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE soundtrack_jobs DROP COLUMN requested_model_alias`);
  }
}
