/** What a tenant's limits measure: each is one bar on the usage page. */
export type QuotaKind =
  'AUDIO_SECONDS' | 'CONCURRENT_JOBS' | 'STORED_BYTES' | 'TRAINING_MINUTES' | 'EVALUATION_SAMPLES';

/** The few calls quota administration makes on the owner connection (a pg Client). */
export interface OwnerConnection {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** A new limit per kind to change: a number, or null to go back to the platform's default. */
export type QuotaChanges = Partial<Record<QuotaKind, number | null>>;

/** A tenant's own limits as stored (null: the default), before and after a change. */
export type StoredLimits = Record<QuotaKind, number | null>;

export class TenantNotFoundError extends Error {
  readonly code = 'TENANT_NOT_FOUND';
  constructor(tenantId: string) {
    super(
      `There is no tenant ${tenantId}: give a tenant's id (the audit log and the console's Usage page show it)`,
    );
  }
}

export class InvalidQuotaError extends Error {
  readonly code = 'INVALID_QUOTA';
}

// The tenant_quotas column per kind (TenantQuotaEntity has their camelCase twins).
const COLUMNS: Record<QuotaKind, string> = {
  AUDIO_SECONDS: 'max_seconds_per_month',
  CONCURRENT_JOBS: 'max_concurrent_jobs',
  STORED_BYTES: 'max_stored_bytes',
  TRAINING_MINUTES: 'max_training_minutes_per_month',
  EVALUATION_SAMPLES: 'max_evaluation_samples_per_month',
};
export const QUOTA_KINDS = Object.keys(COLUMNS) as QuotaKind[];
const KINDS = QUOTA_KINDS;
// integer columns hold at most this; max_stored_bytes is a bigint, kept below 2^53 like every byte count.
const INT_MAX = 2_147_483_647;

/** A tenant's own limits as stored, or all null when it has none. */
export async function readTenantQuotas(db: OwnerConnection, tenantId: string): Promise<StoredLimits> {
  await requireTenant(db, tenantId);
  const { rows } = await db.query<Record<string, string | number | null>>(
    `SELECT ${KINDS.map((kind) => COLUMNS[kind]).join(', ')} FROM tenant_quotas WHERE tenant_id = $1`,
    [tenantId],
  );
  return storedLimits(rows[0]);
}

/**
 * Changes a tenant's limits and writes the audit event that says so, in one transaction on the owner
 * connection: the app role may not write tenant_quotas, so this is the only way limits change. The event
 * has no member or key as its actor (an operator is neither); the operator's name is in its details.
 */
export async function setTenantQuotas(
  db: OwnerConnection,
  tenantId: string,
  changes: QuotaChanges,
  operator: string,
): Promise<{ before: StoredLimits; after: StoredLimits }> {
  const kinds = Object.keys(changes) as QuotaKind[];
  if (kinds.length === 0) throw new InvalidQuotaError('Nothing to change: give at least one limit to set');
  for (const kind of kinds) checkLimit(kind, changes[kind]);
  await db.query('BEGIN');
  try {
    await requireTenant(db, tenantId);
    // The row lock orders concurrent operators: each reads the limits the other left.
    await db.query('INSERT INTO tenant_quotas (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING', [
      tenantId,
    ]);
    const { rows } = await db.query<Record<string, string | number | null>>(
      `SELECT ${KINDS.map((kind) => COLUMNS[kind]).join(', ')} FROM tenant_quotas WHERE tenant_id = $1 FOR UPDATE`,
      [tenantId],
    );
    const before = storedLimits(rows[0]);
    const after: StoredLimits = { ...before, ...changes };
    await db.query(
      `UPDATE tenant_quotas SET ${kinds.map((kind, i) => `${COLUMNS[kind]} = $${i + 2}`).join(', ')},
         updated_at = now() WHERE tenant_id = $1`,
      [tenantId, ...kinds.map((kind) => changes[kind])],
    );
    await db.query(
      `INSERT INTO audit_events (tenant_id, action, object_type, object_id, details)
       VALUES ($1, 'tenant.quotas_changed', 'tenant', $1, $2)`,
      [tenantId, JSON.stringify({ operator, ...changedFields(before, after, kinds) })],
    );
    await db.query('COMMIT');
    return { before, after };
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function requireTenant(db: OwnerConnection, tenantId: string): Promise<void> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!uuid.test(tenantId)) throw new TenantNotFoundError(tenantId);
  const { rows } = await db.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
  if (rows.length === 0) throw new TenantNotFoundError(tenantId);
}

function checkLimit(kind: QuotaKind, value: number | null | undefined): void {
  if (value === null) return;
  const max = kind === 'STORED_BYTES' ? Number.MAX_SAFE_INTEGER : INT_MAX;
  if (value === undefined || !Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidQuotaError(
      `${kind} must be a whole number from 0 to ${max}, or "default"; got ${String(value)}`,
    );
  }
}

function storedLimits(row: Record<string, string | number | null> | undefined): StoredLimits {
  const limits = {} as StoredLimits;
  for (const kind of KINDS) {
    const value = row?.[COLUMNS[kind]];
    limits[kind] = value === null || value === undefined ? null : Number(value);
  }
  return limits;
}

// The audit details are a flat object (the console shows them as key: value): one `<kind>` field per
// change, "old → new", where null reads "default".
function changedFields(
  before: StoredLimits,
  after: StoredLimits,
  kinds: QuotaKind[],
): Record<string, string> {
  const words = (value: number | null) => (value === null ? 'default' : String(value));
  return Object.fromEntries(kinds.map((kind) => [kind, `${words(before[kind])} → ${words(after[kind])}`]));
}
