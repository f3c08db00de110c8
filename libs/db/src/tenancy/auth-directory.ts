import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { prepared } from './prepared-statement';
import { MembershipRole } from '../entities';

export interface SignedUpIds {
  userId: string;
  tenantId: string;
}

export interface LoginCandidate {
  userId: string;
  passwordHash: string;
  tenantId: string;
  role: MembershipRole;
}

export interface ApiKeyIdentity {
  apiKeyId: string;
  tenantId: string;
  role: MembershipRole;
  expiresAt: Date | null;
  /** By the database's clock: the key is live but past its expiry. */
  expired: boolean;
}

export interface PendingInvitation {
  invitationId: string;
  tenantId: string;
  email: string;
  role: MembershipRole;
  expiresAt: Date;
  acceptedAt: Date | null;
  /** The account that already has the invited email, if any. */
  existingUserId: string | null;
  existingPasswordHash: string | null;
}

export interface AcceptedMembership {
  userId: string;
  tenantId: string;
  role: MembershipRole;
}

/**
 * The only ways the app role reaches across tenants: thin calls to the SECURITY DEFINER functions of
 * the initial migration, each doing one narrowly scoped lookup or insert before a tenant is known.
 */
export class AuthDirectory {
  private readonly pool: Pool;

  // Straight on the pool: each call is one statement, and API-key lookup runs on every keyed request.
  constructor(dataSource: DataSource) {
    this.pool = (dataSource.driver as PostgresDriver).master;
  }

  private async rows(sql: string, params: unknown[]) {
    return (await this.pool.query(prepared(sql, params))).rows;
  }

  async signUp(email: string, passwordHash: string, tenantName: string): Promise<SignedUpIds> {
    const [row] = await this.rows(`SELECT user_id, tenant_id FROM auth_sign_up($1, $2, $3)`, [
      email,
      passwordHash,
      tenantName,
    ]);
    return { userId: row.user_id, tenantId: row.tenant_id };
  }

  async loginCandidates(email: string): Promise<LoginCandidate[]> {
    const rows = await this.rows(
      `SELECT user_id, password_hash, tenant_id, role FROM auth_login_candidates($1)`,
      [email],
    );
    return rows.map((r: Record<string, string>) => ({
      userId: r.user_id,
      passwordHash: r.password_hash,
      tenantId: r.tenant_id,
      role: r.role as MembershipRole,
    }));
  }

  async useApiKey(keyHash: string): Promise<ApiKeyIdentity | null> {
    const [row] = await this.rows(
      `SELECT api_key_id, tenant_id, role, expires_at, expired FROM auth_use_api_key($1)`,
      [keyHash],
    );
    if (!row) return null;
    return {
      apiKeyId: row.api_key_id,
      tenantId: row.tenant_id,
      role: row.role,
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      expired: row.expired,
    };
  }

  async findInvitation(tokenHash: string): Promise<PendingInvitation | null> {
    const [row] = await this.rows(`SELECT * FROM auth_find_invitation($1)`, [tokenHash]);
    if (!row) return null;
    return {
      invitationId: row.invitation_id,
      tenantId: row.tenant_id,
      email: row.email,
      role: row.role,
      expiresAt: new Date(row.expires_at),
      acceptedAt: row.accepted_at ? new Date(row.accepted_at) : null,
      existingUserId: row.user_id,
      existingPasswordHash: row.password_hash,
    };
  }

  /** Null when the invitation was accepted or expired in the meantime. */
  async acceptInvitation(tokenHash: string, passwordHash: string): Promise<AcceptedMembership | null> {
    const [row] = await this.rows(`SELECT user_id, tenant_id, role FROM auth_accept_invitation($1, $2)`, [
      tokenHash,
      passwordHash,
    ]);
    return row ? { userId: row.user_id, tenantId: row.tenant_id, role: row.role } : null;
  }
}
