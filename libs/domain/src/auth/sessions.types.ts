/** Where a session was opened from, as the request said; either may be unknown. */
export interface SessionClient {
  userAgent?: string | null;
  ip?: string | null;
}

/** One of the caller's live sessions, for the account page. */
export interface ActiveSessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
  /** The session the caller is using for this request. */
  current: boolean;
}

/** The answer to a password change. */
export interface PasswordChangedView {
  /** How many of the user's other sessions (in any tenant) were ended. */
  sessionsRevoked: number;
}

/** Longest user agent and address kept (the columns refuse longer ones). */
export const MAX_USER_AGENT_LENGTH = 500;
export const MAX_IP_LENGTH = 100;

/** The client as stored: trimmed to the columns' limits, blanks as unknown. */
export function storedClient(client: SessionClient): { userAgent: string | null; ip: string | null } {
  const clip = (value: string | null | undefined, max: number) => value?.trim().slice(0, max) || null;
  return { userAgent: clip(client.userAgent, MAX_USER_AGENT_LENGTH), ip: clip(client.ip, MAX_IP_LENGTH) };
}
