import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

// One row per session token issued (the token carries the id): what logout, revocation and the list of a
// member's sessions work on. Tenant-owned: a token is issued into one tenant.
@Entity({ name: 'sessions' })
export class SessionEntity {
  /** Chosen by the API before the token is signed, so the token can carry it. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  /** Written by the authenticator at most once a minute. */
  @Column({ name: 'last_seen_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  lastSeenAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
