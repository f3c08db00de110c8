// The text fields of a submitted form as the person typed them, passwords included. It stays in the
// browser: the Server Action's own `values` never carry secrets back, so the form merges these in to show
// every field again after a refusal. Files are left out (a file input cannot be refilled).
export function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string' && !name.startsWith('$ACTION')) values[name] = value;
  }
  return values;
}
