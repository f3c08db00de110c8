import { ApiKeyEntity, MembershipRole } from '@loris/db';

/**
 * The role of a key made without one: ENGINEER can upload and generate, which is what keys are for, and
 * cannot manage members or keys. (VIEWER, the old console default, could not generate at all.)
 */
export const DEFAULT_API_KEY_ROLE = MembershipRole.ENGINEER;

export interface CreateApiKeyRequest {
  name: string;
  /** DEFAULT_API_KEY_ROLE when not given. */
  role?: MembershipRole;
  /** When the key stops working; never when not given. Must be in the future. */
  expiresAt?: Date | null;
}

/** A key as its tenant sees it: never its secret or hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  role: MembershipRole;
  /** The first characters of the secret, to tell keys apart. */
  prefix: string;
  createdAt: Date;
  /** Recorded at most once a minute. */
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** The answer to creating or rotating a key: the secret, shown this once. */
export interface CreatedApiKeyView {
  secret: string;
  apiKey: ApiKeyView;
}

export function toApiKeyView(key: ApiKeyEntity): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.keyPrefix,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  };
}
