import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member administration (issue 18): an owner can revoke a pending invitation. A revoked invitation keeps
 * its row (who invited whom, and when it was withdrawn) but can no longer be opened or accepted: the two
 * invitation functions of the initial migration learn to skip it. CREATE OR REPLACE keeps their owner,
 * their signature and the EXECUTE grants the bootstrap gave the app role.
 */
export class MembersAdmin1764800000000 implements MigrationInterface {
  name = 'MembersAdmin1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE invitations ADD COLUMN revoked_at timestamptz(3);
      -- The owner's list of pending invitations, newest first.
      CREATE INDEX invitations_pending_idx ON invitations (tenant_id, created_at DESC, id DESC)
        WHERE accepted_at IS NULL AND revoked_at IS NULL;
    `);
    await q.query(findInvitation('AND i.revoked_at IS NULL'));
    await q.query(acceptInvitation('AND i.revoked_at IS NULL'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(findInvitation(''));
    await q.query(acceptInvitation(''));
    await q.query(`
      DROP INDEX IF EXISTS invitations_pending_idx;
      ALTER TABLE invitations DROP COLUMN revoked_at;
    `);
  }
}

// The bodies are those of 1764100000000-initial-schema, with `live` added to the lookup of the invitation.
function findInvitation(live: string): string {
  return `
    CREATE OR REPLACE FUNCTION auth_find_invitation(p_token_hash text)
      RETURNS TABLE (invitation_id uuid, tenant_id uuid, email text, role membership_role,
                     expires_at timestamptz, accepted_at timestamptz, user_id uuid, password_hash text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$
        SELECT i.id, i.tenant_id, i.email, i.role, i.expires_at, i.accepted_at, u.id, u.password_hash
        FROM invitations i LEFT JOIN users u ON u.email = i.email
        WHERE i.token_hash = p_token_hash ${live}
      $$;
  `;
}

// FOR UPDATE makes a revoke and an accept of the same invitation take turns: whichever comes second sees
// the other's change and does nothing.
function acceptInvitation(live: string): string {
  return `
    CREATE OR REPLACE FUNCTION auth_accept_invitation(p_token_hash text, p_password_hash text)
      RETURNS TABLE (user_id uuid, tenant_id uuid, role membership_role)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$
      DECLARE v_inv invitations%ROWTYPE; v_user uuid;
      BEGIN
        SELECT * INTO v_inv FROM invitations i
          WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.expires_at > now() ${live}
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
  `;
}
