import type { Role } from '@/graphql/generated';

// Who does what with campaigns, as the API allows it: owners and engineers create, prepare, close, make
// links and ban; only owners include or exclude a session by hand. The others read.

export function mayRunCampaigns(role: Role | undefined): boolean {
  return role === 'OWNER' || role === 'ENGINEER';
}

export function mayOverrideSessions(role: Role | undefined): boolean {
  return role === 'OWNER';
}
