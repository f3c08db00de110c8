// The create form's expiry is a calendar day (an <input type="date">, YYYY-MM-DD): the key stops working at
// the start of that day, UTC, so the moment does not depend on the time zone of this server or the browser.

export type KeyExpiry = { expiresAt: string | null } | { error: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function keyExpiryFromDay(day: string, now: Date = new Date()): KeyExpiry {
  if (!day) return { expiresAt: null };
  const match = DAY.exec(day);
  const at = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  // Date.UTC rolls 2027-02-30 over into March: such a day is refused rather than moved.
  if (!at || at.toISOString().slice(0, 10) !== day)
    return { error: 'Enter the expiry as a date, like 2027-01-31.' };
  if (at.getTime() <= now.getTime()) return { error: 'Choose an expiry day after today (UTC).' };
  return { expiresAt: at.toISOString() };
}

// How the table shows a key's expiry: never, the day it will stop, or that it has stopped.
export function describeKeyExpiry(
  expiresAt: string | null,
  now: Date = new Date(),
): 'never' | 'expired' | 'active' {
  if (!expiresAt) return 'never';
  return new Date(expiresAt).getTime() <= now.getTime() ? 'expired' : 'active';
}
