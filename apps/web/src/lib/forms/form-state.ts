// What a Server Action hands back to its form. `values` returns what was typed (never passwords: the
// browser adds those itself, see useFormAction) so the form can show it again after React resets it on submit. Shared by client forms and server actions,
// so it imports nothing.
export type FormState<T = null> =
  | { status: 'idle' }
  | { status: 'error'; error: string; values?: Record<string, string> }
  | { status: 'done'; result: T };

export const idle: FormState<never> = { status: 'idle' };

export function failed(error: string, values?: Record<string, string>): FormState<never> {
  return { status: 'error', error, values };
}
