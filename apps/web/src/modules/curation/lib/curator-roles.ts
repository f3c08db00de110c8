import type { Role } from '@/graphql/generated';

// Curators and owners fill datasets, decide on segments and freeze versions (the API refuses anyone else);
// engineers and viewers see the same pages without those controls.
export function canCurate(role: Role | undefined): boolean {
  return role === 'CURATOR' || role === 'OWNER';
}
