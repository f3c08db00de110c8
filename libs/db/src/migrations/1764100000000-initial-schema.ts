import { MigrationInterface, QueryRunner } from 'typeorm';

// Tenancy is enforced by Postgres, not by the code that queries it: every tenant-owned table has a
// row-level security policy comparing tenant_id with the transaction's app.tenant_id (set with SET LOCAL
// by the tenant unit of work). The app role is not the owner and has no BYPASSRLS, so a query that forgets
// its tenant filter sees nothing of other tenants and cannot write into them.
//
// A few steps must find rows before a tenant is known (log in by email, authenticate an API key, open an
// invitation, sign up). Each is a SECURITY DEFINER function that runs as the owner, does exactly that one
// lookup or insert, and is executable only by the roles the bootstrap grants it to.
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- NULLIF: once set in a session, a custom setting reads back as '' (not NULL) after the transaction.
      CREATE FUNCTION app_current_tenant() RETURNS uuid
        LANGUAGE sql STABLE
        AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

      CREATE TYPE membership_role AS ENUM ('OWNER', 'CURATOR', 'ENGINEER', 'VIEWER');
      CREATE TYPE dataset_category AS ENUM ('DANCE', 'FLOOR_EXERCISE', 'FIGURE_SKATING');

      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        password_hash text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email_key ON users (email);

      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role membership_role NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, user_id)
      );
      CREATE INDEX memberships_user_id_idx ON memberships (user_id);

      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        role membership_role NOT NULL,
        key_prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        last_used_at timestamptz(3),
        revoked_at timestamptz(3)
      );
      CREATE INDEX api_keys_tenant_id_idx ON api_keys (tenant_id, created_at);

      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        role membership_role NOT NULL,
        token_hash text NOT NULL UNIQUE,
        invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
        expires_at timestamptz(3) NOT NULL,
        accepted_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX invitations_tenant_id_idx ON invitations (tenant_id);

      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        action text NOT NULL,
        actor_user_id uuid,
        actor_api_key_id uuid,
        subject_id uuid,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_events_tenant_id_idx ON audit_events (tenant_id, created_at);

      CREATE TABLE datasets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        category dataset_category NOT NULL,
        description text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_by_api_key uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      );
      -- Keyset pagination walks (created_at, id) newest first.
      CREATE INDEX datasets_page_idx ON datasets (tenant_id, created_at DESC, id DESC);
    `);

    for (const table of ['memberships', 'api_keys', 'invitations', 'audit_events', 'datasets']) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY ${table}_tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant());
      `);
    }

    await q.query(`
      -- A tenant sees and renames itself only; creating one goes through auth_sign_up.
      ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenants_self_read ON tenants FOR SELECT USING (id = app_current_tenant());
      CREATE POLICY tenants_self_update ON tenants FOR UPDATE
        USING (id = app_current_tenant()) WITH CHECK (id = app_current_tenant());

      -- Users are visible to (and editable by) the tenants they are members of; they are created only by
      -- auth_sign_up and auth_accept_invitation.
      ALTER TABLE users ENABLE ROW LEVEL SECURITY;
      CREATE POLICY users_member_read ON users FOR SELECT USING (
        EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = app_current_tenant())
      );
      CREATE POLICY users_member_update ON users FOR UPDATE USING (
        EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = app_current_tenant())
      );

      CREATE FUNCTION auth_sign_up(p_email text, p_password_hash text, p_tenant_name text)
        RETURNS TABLE (user_id uuid, tenant_id uuid)
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
        DECLARE v_user uuid; v_tenant uuid;
        BEGIN
          INSERT INTO users (email, password_hash) VALUES (lower(p_email), p_password_hash) RETURNING id INTO v_user;
          INSERT INTO tenants (name) VALUES (p_tenant_name) RETURNING id INTO v_tenant;
          INSERT INTO memberships (tenant_id, user_id, role) VALUES (v_tenant, v_user, 'OWNER');
          RETURN QUERY SELECT v_user, v_tenant;
        END $$;

      -- Every membership of the account with this email, oldest first; the caller checks the password.
      CREATE FUNCTION auth_login_candidates(p_email text)
        RETURNS TABLE (user_id uuid, password_hash text, tenant_id uuid, role membership_role)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
          SELECT u.id, u.password_hash, m.tenant_id, m.role
          FROM users u JOIN memberships m ON m.user_id = u.id
          WHERE u.email = lower(p_email)
          ORDER BY m.created_at, m.tenant_id
        $$;

      -- The live key with this hash, if any. last_used_at is written at most once a minute so that a busy
      -- key does not turn every read into a write.
      CREATE FUNCTION auth_use_api_key(p_key_hash text)
        RETURNS TABLE (api_key_id uuid, tenant_id uuid, role membership_role)
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
        BEGIN
          RETURN QUERY SELECT k.id, k.tenant_id, k.role FROM api_keys k
            WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL;
          IF FOUND THEN
            UPDATE api_keys k SET last_used_at = now()
              WHERE k.key_hash = p_key_hash AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute');
          END IF;
        END $$;

      CREATE FUNCTION auth_find_invitation(p_token_hash text)
        RETURNS TABLE (invitation_id uuid, tenant_id uuid, email text, role membership_role,
                       expires_at timestamptz, accepted_at timestamptz, user_id uuid, password_hash text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
          SELECT i.id, i.tenant_id, i.email, i.role, i.expires_at, i.accepted_at, u.id, u.password_hash
          FROM invitations i LEFT JOIN users u ON u.email = i.email
          WHERE i.token_hash = p_token_hash
        $$;

      -- Consumes a pending, unexpired invitation: creates the account when the email has none (with the
      -- given password hash), adds the membership, marks the invitation accepted. No row: nothing to accept.
      CREATE FUNCTION auth_accept_invitation(p_token_hash text, p_password_hash text)
        RETURNS TABLE (user_id uuid, tenant_id uuid, role membership_role)
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
        DECLARE v_inv invitations%ROWTYPE; v_user uuid;
        BEGIN
          SELECT * INTO v_inv FROM invitations i
            WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.expires_at > now()
            FOR UPDATE;
          IF NOT FOUND THEN RETURN; END IF;
          SELECT u.id INTO v_user FROM users u WHERE u.email = v_inv.email;
          IF v_user IS NULL THEN
            INSERT INTO users (email, password_hash) VALUES (v_inv.email, p_password_hash) RETURNING id INTO v_user;
          END IF;
          INSERT INTO memberships (tenant_id, user_id, role) VALUES (v_inv.tenant_id, v_user, v_inv.role)
            ON CONFLICT ON CONSTRAINT memberships_tenant_id_user_id_key DO NOTHING;
          UPDATE invitations SET accepted_at = now() WHERE id = v_inv.id;
          RETURN QUERY SELECT v_user, v_inv.tenant_id, m.role FROM memberships m
            WHERE m.tenant_id = v_inv.tenant_id AND m.user_id = v_user;
        END $$;
    `);

    for (const fn of AUTH_FUNCTIONS) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION IF EXISTS ${AUTH_FUNCTIONS.join(', ')};
      DROP TABLE IF EXISTS datasets, audit_events, invitations, api_keys, memberships, users, tenants;
      DROP TYPE IF EXISTS dataset_category, membership_role;
      DROP FUNCTION IF EXISTS app_current_tenant();
    `);
  }
}

/** Signatures of the cross-tenant functions, for REVOKE/GRANT EXECUTE. */
export const AUTH_FUNCTIONS = [
  'auth_sign_up(text, text, text)',
  'auth_login_candidates(text)',
  'auth_use_api_key(text)',
  'auth_find_invitation(text)',
  'auth_accept_invitation(text, text)',
];
