import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log becomes readable (issue 18): every event names the type of the object it is about and the
 * request that caused it, the owner's query pages it newest first, and the table is append-only.
 *
 * Append-only twice over: the bootstrap grants the app role no UPDATE or DELETE on APPEND_ONLY_TABLES
 * (app-role.ts), and a trigger refuses them to every role but the table's owner, so a later broad GRANT
 * cannot quietly make the log editable. The owner keeps them for operators and for the cascade when a
 * tenant is dropped (foreign-key actions run as the referencing table's owner).
 */
export class AuditLog1764600000000 implements MigrationInterface {
  name = 'AuditLog1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_events RENAME COLUMN subject_id TO object_id;
      ALTER TABLE audit_events ADD COLUMN object_type text;
      ALTER TABLE audit_events ADD COLUMN request_id text;
      -- Events written before object types existed: the only ones were these four.
      UPDATE audit_events SET object_type = CASE action
        WHEN 'member.invited' THEN 'invitation'
        WHEN 'member.joined' THEN 'user'
        ELSE split_part(action, '.', 1)
      END;
      ALTER TABLE audit_events ALTER COLUMN object_type SET NOT NULL;

      -- The owner's query walks (created_at, id) newest first within the tenant.
      DROP INDEX audit_events_tenant_id_idx;
      CREATE INDEX audit_events_page_idx ON audit_events (tenant_id, created_at DESC, id DESC);

      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger
        LANGUAGE plpgsql SET search_path = public, pg_temp
        AS $$
        BEGIN
          IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN
            RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
        END
        $$;
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
    `);
    for (const table of APPEND_ONLY_TABLES)
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events;
      DROP FUNCTION IF EXISTS audit_events_refuse_change();
      DROP INDEX IF EXISTS audit_events_page_idx;
      CREATE INDEX audit_events_tenant_id_idx ON audit_events (tenant_id, created_at);
      ALTER TABLE audit_events DROP COLUMN request_id;
      ALTER TABLE audit_events DROP COLUMN object_type;
      ALTER TABLE audit_events RENAME COLUMN object_id TO subject_id;
    `);
  }
}

/** Tables the app role may only read and insert into (see app-role.ts). */
export const APPEND_ONLY_TABLES = ['audit_events'];
