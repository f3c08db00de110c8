// An event's details arrive as the JSON text of a flat object; the table and the CSV show them as
// `key=value` pairs. Text that is not such an object is shown as it came rather than dropped.
export function auditDetailPairs(json: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [json];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [json];
  return Object.entries(parsed).map(([key, value]) => `${key}=${value === null ? '' : String(value)}`);
}

// What each action means, in words, for the audit page (the table shows the code, the words on hover). An
// action without words here (a newer API than this console) is shown by its code alone.
export const auditActionLabels: Record<string, string> = {
  'tenant.created': 'Workspace created',
  'tenant.ownership_transferred': 'Ownership transferred',
  'member.invited': 'Member invited',
  'member.joined': 'Invitation accepted',
  'member.role_changed': 'Member role changed',
  'member.removed': 'Member removed',
  'member.left': 'Member left',
  'invitation.revoked': 'Invitation revoked',
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'api_key.rotated': 'API key rotated',
  'session.revoked': 'Session signed out',
  'user.logged_out': 'Logged out',
  'user.password_changed': 'Password changed',
  'dataset.created': 'Dataset created',
  'upload.created': 'Media uploaded',
  'soundtrack_job.requested': 'Soundtrack requested',
  'soundtrack_job.cancelled': 'Soundtrack cancelled',
};

export function auditActionLabel(action: string): string {
  return Object.hasOwn(auditActionLabels, action) ? auditActionLabels[action] : action;
}
