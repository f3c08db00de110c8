// The move form as typed. The alias's spelling rules are the API's (it answers with the rule), so only
// what is missing altogether is said here, before a request is made.
export type ParsedMove = { name: string; versionId: string } | { error: string };

export function parseAliasMove(name: string, versionId: string): ParsedMove {
  if (!name) return { error: 'Name the alias to move, such as production or staging.' };
  if (!versionId) return { error: 'Choose the version the alias will point at.' };
  return { name, versionId };
}
