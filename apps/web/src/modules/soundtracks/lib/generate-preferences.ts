// The Generate form's genre and sampling settings, remembered per browser so the next visit starts where
// the last request left off. Only choices are kept: the input file and its length (seconds) belong to one
// request, and the seed is drawn anew unless typed.

export const generatePreferencesKey = 'loris:generate:settings';

export const rememberedFields = ['genre', 'sampler', 'steps', 'guidance'] as const;

export type GeneratePreferences = Partial<Record<(typeof rememberedFields)[number], string>>;

// What to store from the values of a submitted form.
export function preferencesToStore(values: Record<string, string | undefined>): GeneratePreferences {
  const kept: GeneratePreferences = {};
  for (const name of rememberedFields) {
    const value = values[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

// What to restore: stored text is untrusted (another version of the console wrote it, or the serving model
// has changed since), so a genre or sampler the form no longer offers and anything not a number is dropped.
export function preferencesToRestore(
  stored: string | null,
  choices: { genres: readonly string[]; samplers: readonly string[] },
): GeneratePreferences {
  let parsed: unknown;
  try {
    parsed = stored ? JSON.parse(stored) : null;
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const raw = preferencesToStore(parsed as Record<string, string | undefined>);
  const restored: GeneratePreferences = {};
  if (raw.genre && choices.genres.includes(raw.genre)) restored.genre = raw.genre;
  if (raw.sampler !== undefined && (raw.sampler === '' || choices.samplers.includes(raw.sampler))) {
    restored.sampler = raw.sampler;
  }
  for (const name of ['steps', 'guidance'] as const) {
    const value = raw[name]?.trim();
    if (value !== undefined && (value === '' || Number.isFinite(Number(value)))) restored[name] = value;
  }
  return restored;
}
