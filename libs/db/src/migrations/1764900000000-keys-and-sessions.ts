import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys that expire and rotate, and sessions that can end (issue 18).
 *
 * api_keys.expires_at: optional, set at creation. auth_use_api_key now also returns a live key that has
 * expired (marked so, with its expiry) so that the API can say when it expired; it still records
 * last_used_at at most once a minute, and never for an expired key.
 *
 * sessions: one row per issued session token (the token carries its id). Tenant-owned, under the same
 * row-level policy as every tenant table: a token is issued into one tenant, the API checks it inside that
 * tenant's transaction joined with the membership (one statement per request), and an owner's tools for a
 * member's sessions stay within the tenant. The one write that must cross tenants, revoking a user's
 * other sessions everywhere when the password changes (the password belongs to the user, not to a
 * tenant), is the SECURITY DEFINER function auth_revoke_other_sessions.
 */
export class KeysAndSessions1764900000000 implements MigrationInterface {
  name = 'KeysAndSessions1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE api_keys ADD COLUMN expires_at timestamptz(3);

      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        user_agent text CHECK (length(user_agent) <= 500),
        ip text CHECK (length(ip) <= 100),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        last_seen_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        revoked_at timestamptz(3)
      );
      -- A member's sessions in a tenant (mySessions), newest first.
      CREATE INDEX sessions_member_idx ON sessions (tenant_id, user_id, created_at DESC);
      -- A user's live sessions in every tenant (auth_revoke_other_sessions).
      CREATE INDEX sessions_user_live_idx ON sessions (user_id) WHERE revoked_at IS NULL;

      ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
      CREATE POLICY sessions_tenant_isolation ON sessions
        USING (tenant_id = app_current_tenant())
        WITH CHECK (tenant_id = app_current_tenant());

      -- The return type changes, so the function is dropped and created again (the bootstrap grants it
      -- to the app role again after migrations: it is in AUTH_FUNCTIONS under the same signature).
      DROP FUNCTION auth_use_api_key(text);
      CREATE FUNCTION auth_use_api_key(p_key_hash text)
        RETURNS TABLE (api_key_id uuid, tenant_id uuid, role membership_role, expires_at timestamptz,
                       expired boolean)
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
        BEGIN
          RETURN QUERY SELECT k.id, k.tenant_id, k.role, k.expires_at,
                              k.expires_at IS NOT NULL AND k.expires_at <= now()
            FROM api_keys k WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL;
          -- last_used_at is written at most once a minute, so that a busy key does not turn every read into
          -- a write (a row lock and a dead tuple per request); a minute is precise enough to tell a key in
          -- use from a forgotten one.
          UPDATE api_keys k SET last_used_at = now()
            WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
              AND (k.expires_at IS NULL OR k.expires_at > now())
              AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute');
        END $$;

      -- Ends every live session of the user, in every tenant, but the one given; the number ended.
      CREATE FUNCTION auth_revoke_other_sessions(p_user_id uuid, p_keep_session_id uuid)
        RETURNS integer
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
        DECLARE v_count integer;
        BEGIN
          UPDATE sessions s SET revoked_at = now()
            WHERE s.user_id = p_user_id AND s.revoked_at IS NULL AND s.id IS DISTINCT FROM p_keep_session_id;
          GET DIAGNOSTICS v_count = ROW_COUNT;
          RETURN v_count;
        END $$;
    `);
    for (const fn of KEYS_AND_SESSIONS_FUNCTIONS) await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION IF EXISTS ${KEYS_AND_SESSIONS_FUNCTIONS.join(', ')};
      DROP FUNCTION IF EXISTS auth_use_api_key(text);
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
      REVOKE ALL ON FUNCTION auth_use_api_key(text) FROM PUBLIC;
      DROP TABLE IF EXISTS sessions;
      ALTER TABLE api_keys DROP COLUMN IF EXISTS expires_at;
    `);
  }
}

/** Signatures of the cross-tenant functions this migration adds, for REVOKE/GRANT EXECUTE. */
export const KEYS_AND_SESSIONS_FUNCTIONS = ['auth_revoke_other_sessions(uuid, uuid)'];
