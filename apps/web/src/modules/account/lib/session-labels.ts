// Words for the account page's sessions, from what the API recorded when each one signed in.

// A short name for a browser from its User-Agent: the most specific product it names, and the system.
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser =
    [/Edg\/[\d.]+/, /Firefox\/[\d.]+/, /Chrome\/[\d.]+/, /Version\/[\d.]+.*Safari/]
      .map((pattern) => pattern.exec(userAgent)?.[0])
      .find(Boolean) ?? null;
  const name = browser
    ? browser.startsWith('Edg')
      ? 'Edge'
      : browser.startsWith('Version')
        ? 'Safari'
        : browser.split('/')[0]
    : null;
  const system = /Windows|Mac OS X|Android|iPhone|iPad|Linux/
    .exec(userAgent)?.[0]
    ?.replace('Mac OS X', 'macOS');
  if (!name) return userAgent.length > 60 ? `${userAgent.slice(0, 59)}…` : userAgent;
  return system ? `${name} on ${system}` : name;
}

export function passwordChangedMessage(sessionsRevoked: number): string {
  if (sessionsRevoked === 0) return 'Password changed. You had no other sessions to sign out.';
  const sessions = sessionsRevoked === 1 ? '1 other session' : `${sessionsRevoked} other sessions`;
  return `Password changed. ${sessions} signed out.`;
}
