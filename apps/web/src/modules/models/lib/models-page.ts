// The Models page shows one model's versions at a time: `model` picks it and `after` pages its versions,
// both in the address so a page can be linked and reloaded.

export interface ModelsPageParams {
  model?: string;
  after?: string;
}

export function modelsHref({ model, after }: ModelsPageParams): string {
  const query = new URLSearchParams();
  if (model) query.set('model', model);
  if (model && after) query.set('after', after);
  const text = query.toString();
  return text ? `/models?${text}` : '/models';
}

interface Listed {
  id: string;
  builtIn: boolean;
}

// The model the page opens on: the one asked for when it is listed, else the workspace's newest (the list
// is the built-in first, then oldest first: an engineer's latest push is what they come to see), else the
// built-in.
export function shownModel<T extends Listed>(models: readonly T[], asked: string | undefined): T | undefined {
  const own = models.filter((model) => !model.builtIn);
  return models.find((model) => model.id === asked) ?? own[own.length - 1] ?? models[0];
}

/** The names the alias field suggests: the workspace's own, then the usual ones it does not have yet. */
export function aliasSuggestions(existing: readonly string[]): string[] {
  return [...new Set([...existing, 'production', 'staging'])];
}
