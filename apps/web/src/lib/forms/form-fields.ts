// Reading FormData without trusting it: every field may be missing or a File.

export function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

// Passwords and tokens are taken as typed: spaces may be part of them.
export function secretField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

// A field that must be one of a generated GraphQL enum's values (e.g. Role, DatasetCategory).
export function enumField<T extends string>(
  form: FormData,
  name: string,
  values: Record<string, T>,
): T | undefined {
  const value = textField(form, name);
  return (Object.values(values) as string[]).includes(value) ? (value as T) : undefined;
}
