// The registry records who registered a version or moved an alias as ids (a user, or an API key); the page
// names them from the members list and, for owners, the API keys list.
export interface Directory {
  /** user id → email */
  members: ReadonlyMap<string, string>;
  /** API key id → name; only owners may list keys, so for others it is empty. */
  apiKeys: ReadonlyMap<string, string>;
}

export interface Actor {
  userId: string | null;
  apiKeyId: string | null;
}

export function actorName(actor: Actor, directory: Directory): string {
  if (actor.userId) return directory.members.get(actor.userId) ?? 'a former member';
  if (actor.apiKeyId) {
    const name = directory.apiKeys.get(actor.apiKeyId);
    return name ? `API key “${name}”` : 'an API key';
  }
  return 'someone unknown';
}

export function directoryOf(
  members: readonly { user: { id: string; email: string } | null }[],
  apiKeys: readonly { id: string; name: string }[],
): Directory {
  return {
    members: new Map(members.flatMap((member) => (member.user ? [[member.user.id, member.user.email]] : []))),
    apiKeys: new Map(apiKeys.map((key) => [key.id, key.name])),
  };
}
