import type { Role } from '@/graphql/generated';

// Which version serves the workspace's traffic is an engineering decision: the API lets owners and
// engineers move aliases and refuses anyone else, so only they are offered the control.
export function mayMoveAliases(role: Role | undefined): boolean {
  return role === 'OWNER' || role === 'ENGINEER';
}

// Why the move control is not offered, in words, for a role that may not use it (only curators and
// viewers are left, both taking "a").
export function aliasMoveRefusal(role: Role | undefined): string | undefined {
  if (mayMoveAliases(role)) return undefined;
  const yours = role ? ` You are a ${role.toLowerCase()} in this workspace.` : '';
  return `Only an owner or an engineer can move an alias.${yours}`;
}
