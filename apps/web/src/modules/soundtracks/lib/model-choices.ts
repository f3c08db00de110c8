// The Generate form's model choice: what a request without `model` gets (the workspace's production
// alias, else the built-in), each of the workspace's aliases, and the built-in by its reserved alias.
// Every choice is sent as an alias, so a request follows the alias as it is when the request is made.

export const workspaceDefaultLabel = 'Workspace default (production, else built-in)';

/** The alias that always means the built-in model (the API refuses to move it). */
export const builtInAlias = 'default';

export interface ModelOption {
  /** '' for the workspace default, else the alias sent as `model: { alias }`. */
  value: string;
  label: string;
}

// `served` names what each choice resolves to now (e.g. "loris-parity 0.2.0"), when it could be asked.
export function modelOptions(
  aliases: readonly string[],
  served: (value: string) => string | undefined,
): ModelOption[] {
  const named = (value: string, label: string) => {
    const what = served(value);
    return { value, label: what ? `${label} · ${what}` : label };
  };
  return [
    named('', workspaceDefaultLabel),
    ...aliases.filter((alias) => alias !== builtInAlias).map((alias) => named(alias, alias)),
    named(builtInAlias, `Built-in ${builtInAlias}`),
  ];
}

/** What the request sends for a choice: nothing for the workspace default. */
export function modelSelector(value: string | undefined): { alias: string } | undefined {
  return value ? { alias: value } : undefined;
}
