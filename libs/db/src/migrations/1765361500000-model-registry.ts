import { MigrationInterface, QueryRunner } from 'typeorm';

/** The built-in model (tenant_id NULL): the shipped default that every tenant reads and none may change. */
export const BUILTIN_MODEL_ID = '00000000-0000-4000-a000-000000000001';
/** Its one version. Its files are not copied into the blob store: it is served from MODEL_DIR. */
export const BUILTIN_MODEL_VERSION_ID = '00000000-0000-4000-a000-000000000002';
/** The built-in model's name, and the alias that always means its version (no tenant may take either). */
export const BUILTIN_MODEL_NAME = 'default';

/**
 * The model registry (issue 15): models, their versions (the card, the files by sha256, the provenance),
 * aliases that point at a version, and the history of every alias move; soundtrack jobs record the version
 * that served them.
 *
 * The built-in default is registered here, once, as rows with tenant_id NULL. A migration, not a bootstrap
 * at API start: the app role the API runs as must not be able to write such rows (below), and migrations
 * are the one step that runs as the owner. Its card is not copied into the row: the migrate image ships no
 * model, and the built-in version is by definition whatever the deployment serves from MODEL_DIR, which
 * every API and worker reads (its card's name@version is still stamped on each job it serves).
 *
 * Row-level security stays strict: a SELECT policy adds rows with tenant_id IS NULL to the tenant's own;
 * INSERT checks the tenant as usual; UPDATE and DELETE policies let the app role reach a built-in row only
 * so that a trigger can refuse the change out loud (insufficient_privilege) instead of silently matching
 * nothing. The owner keeps its rights (migrations, operators). A version is immutable once written, and a
 * reference from one tenant's row to another tenant's version (an alias, a job, an alias event, a version
 * of another tenant's model) is refused by the database, since foreign keys alone look past RLS.
 */
export class ModelRegistry1765361500000 implements MigrationInterface {
  name = 'ModelRegistry1765361500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE model_version_source AS ENUM ('BUILTIN', 'UPLOADED', 'TRAINED');

      CREATE TABLE models (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- NULL only for the built-in model.
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (tenant_id IS NULL OR name <> '${BUILTIN_MODEL_NAME}')
      );
      CREATE UNIQUE INDEX models_tenant_name_key ON models (tenant_id, name);
      CREATE INDEX models_page_idx ON models (tenant_id, created_at DESC, id DESC);

      CREATE TABLE model_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        model_id uuid NOT NULL REFERENCES models (id) ON DELETE CASCADE,
        -- 1, 2, ... per model, in the order they were registered.
        number integer NOT NULL CHECK (number > 0),
        -- The card's name@version, as jobs record it.
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
        -- model.json as registered (checked); NULL for the built-in, read from MODEL_DIR.
        contract jsonb CHECK (contract IS NULL OR jsonb_typeof(contract) = 'object'),
        card_sha256 text CHECK (card_sha256 ~ '^[0-9a-f]{64}$'),
        -- [{name, sha256, bytes}]: model.json and every file it names, each a blob of the blob store.
        files jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(files) = 'array'),
        source model_version_source NOT NULL,
        -- Trained here: the dataset version and training run it came from (the training slice fills them).
        dataset_version_id uuid REFERENCES dataset_versions (id),
        training_run_id uuid,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (model_id, number),
        UNIQUE (model_id, card_sha256),
        CHECK ((source = 'BUILTIN') = (tenant_id IS NULL)),
        CHECK (source = 'BUILTIN' OR (contract IS NOT NULL AND card_sha256 IS NOT NULL AND jsonb_array_length(files) >= 3)),
        CHECK (source = 'TRAINED' OR (dataset_version_id IS NULL AND training_run_id IS NULL))
      );
      CREATE INDEX model_versions_page_idx ON model_versions (model_id, created_at DESC, id DESC);

      CREATE TABLE model_aliases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,39}$' AND name <> '${BUILTIN_MODEL_NAME}'),
        version_id uuid NOT NULL REFERENCES model_versions (id),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      );

      CREATE TABLE model_alias_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        alias_id uuid NOT NULL REFERENCES model_aliases (id) ON DELETE CASCADE,
        alias_name text NOT NULL,
        -- NULL when the move created the alias.
        from_version_id uuid REFERENCES model_versions (id),
        to_version_id uuid NOT NULL REFERENCES model_versions (id),
        moved_by uuid REFERENCES users (id) ON DELETE SET NULL,
        moved_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        moved_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX model_alias_events_alias_idx ON model_alias_events (alias_id, moved_at DESC, id DESC);

      ALTER TABLE soundtrack_jobs ADD COLUMN model_version_id uuid REFERENCES model_versions (id);

      INSERT INTO models (id, tenant_id, name) VALUES ('${BUILTIN_MODEL_ID}', NULL, '${BUILTIN_MODEL_NAME}');
      INSERT INTO model_versions (id, tenant_id, model_id, number, label, source)
        VALUES ('${BUILTIN_MODEL_VERSION_ID}', NULL, '${BUILTIN_MODEL_ID}', 1, 'built-in (MODEL_DIR)', 'BUILTIN');

      -- Whether the table's owner (migrations, operators) is the one writing.
      CREATE FUNCTION model_registry_is_owner(p_table oid) RETURNS boolean
        LANGUAGE sql STABLE SET search_path = public, pg_temp
        AS $$ SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = p_table), 'USAGE') $$;

      CREATE FUNCTION model_registry_refuse_change() RETURNS trigger
        LANGUAGE plpgsql SET search_path = public, pg_temp
        AS $$
        BEGIN
          IF model_registry_is_owner(TG_RELID) THEN
            RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
          END IF;
          IF (TG_OP <> 'INSERT' AND OLD.tenant_id IS NULL) OR (TG_OP <> 'DELETE' AND NEW.tenant_id IS NULL) THEN
            RAISE EXCEPTION 'the built-in model is read-only: % on % refused', TG_OP, TG_TABLE_NAME
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          IF TG_TABLE_NAME = 'model_versions' AND TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION 'model version % is immutable', OLD.id
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
        END
        $$;
      CREATE TRIGGER models_read_only BEFORE INSERT OR UPDATE OR DELETE ON models
        FOR EACH ROW EXECUTE FUNCTION model_registry_refuse_change();
      CREATE TRIGGER model_versions_read_only BEFORE INSERT OR UPDATE OR DELETE ON model_versions
        FOR EACH ROW EXECUTE FUNCTION model_registry_refuse_change();

      -- Under the caller's row-level security: for the app role another tenant's version does not exist.
      CREATE FUNCTION model_version_usable_by(p_version uuid, p_tenant uuid) RETURNS boolean
        LANGUAGE sql STABLE SET search_path = public, pg_temp
        AS $$ SELECT EXISTS (SELECT 1 FROM model_versions
                             WHERE id = p_version AND (tenant_id IS NULL OR tenant_id = p_tenant)) $$;

      -- TG_ARGV: the row's columns that name a model version.
      CREATE FUNCTION model_version_refuse_foreign() RETURNS trigger
        LANGUAGE plpgsql SET search_path = public, pg_temp
        AS $$
        DECLARE
          col text;
          version uuid;
        BEGIN
          FOREACH col IN ARRAY TG_ARGV LOOP
            version := (to_jsonb(NEW) ->> col)::uuid;
            IF version IS NOT NULL AND NOT model_version_usable_by(version, NEW.tenant_id) THEN
              RAISE EXCEPTION '%.% names model version %, which is not this tenant''s nor built in',
                TG_TABLE_NAME, col, version USING ERRCODE = 'foreign_key_violation';
            END IF;
          END LOOP;
          RETURN NEW;
        END
        $$;
      CREATE TRIGGER model_aliases_own_version BEFORE INSERT OR UPDATE ON model_aliases
        FOR EACH ROW EXECUTE FUNCTION model_version_refuse_foreign('version_id');
      CREATE TRIGGER model_alias_events_own_version BEFORE INSERT OR UPDATE ON model_alias_events
        FOR EACH ROW EXECUTE FUNCTION model_version_refuse_foreign('from_version_id', 'to_version_id');
      CREATE TRIGGER soundtrack_jobs_own_model_version BEFORE INSERT OR UPDATE OF model_version_id ON soundtrack_jobs
        FOR EACH ROW EXECUTE FUNCTION model_version_refuse_foreign('model_version_id');

      CREATE FUNCTION model_versions_refuse_foreign_model() RETURNS trigger
        LANGUAGE plpgsql SET search_path = public, pg_temp
        AS $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM models WHERE id = NEW.model_id AND tenant_id IS NOT DISTINCT FROM NEW.tenant_id) THEN
            RAISE EXCEPTION 'model_versions.model_id names model %, which is not this tenant''s', NEW.model_id
              USING ERRCODE = 'foreign_key_violation';
          END IF;
          RETURN NEW;
        END
        $$;
      CREATE TRIGGER model_versions_own_model BEFORE INSERT ON model_versions
        FOR EACH ROW EXECUTE FUNCTION model_versions_refuse_foreign_model();
    `);

    for (const table of SHARED_READ_TABLES) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY ${table}_read ON ${table} FOR SELECT
          USING (tenant_id IS NULL OR tenant_id = app_current_tenant());
        CREATE POLICY ${table}_insert ON ${table} FOR INSERT
          WITH CHECK (tenant_id = app_current_tenant());
        CREATE POLICY ${table}_update ON ${table} FOR UPDATE
          USING (tenant_id IS NULL OR tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant());
        CREATE POLICY ${table}_delete ON ${table} FOR DELETE
          USING (tenant_id IS NULL OR tenant_id = app_current_tenant());
      `);
    }
    for (const table of ['model_aliases', 'model_alias_events']) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant());
      `);
    }
    for (const table of MODEL_REGISTRY_APPEND_ONLY_TABLES)
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER IF EXISTS soundtrack_jobs_own_model_version ON soundtrack_jobs;
      ALTER TABLE soundtrack_jobs DROP COLUMN IF EXISTS model_version_id;
      DROP TABLE IF EXISTS model_alias_events, model_aliases, model_versions, models;
      DROP FUNCTION IF EXISTS model_versions_refuse_foreign_model(), model_version_refuse_foreign(),
        model_version_usable_by(uuid, uuid), model_registry_refuse_change(), model_registry_is_owner(oid);
      DROP TYPE IF EXISTS model_version_source;
    `);
  }
}

/** Tables whose rows with tenant_id NULL (the built-in model) every tenant reads. */
const SHARED_READ_TABLES = ['models', 'model_versions'];

/** Alias history: the app role may read and add to it, never rewrite it (app-role.ts). */
export const MODEL_REGISTRY_APPEND_ONLY_TABLES = ['model_alias_events'];
