'use client';

import { useActionState, useCallback } from 'react';
import { typedValues } from '@/lib/forms/typed-values';
import { idle, type FormState } from '@/lib/forms/form-state';

// The state of a form bound to a Server Action, unpacked the way every form reads it. React empties a form
// after its action runs, so after a refusal `values` holds what was typed (passwords too, which never leave
// the browser for this) with the action's own cleaned-up values over it, for the fields' defaultValue.
export function useFormAction<T>(
  serverAction: (previous: FormState<T>, form: FormData) => Promise<FormState<T>>,
) {
  const keepTyped = useCallback(
    async (previous: FormState<T>, form: FormData): Promise<FormState<T>> => {
      const state = await serverAction(previous, form);
      if (state.status !== 'error') return state;
      return { ...state, values: { ...typedValues(form), ...state.values } };
    },
    [serverAction],
  );
  const [state, action, pending] = useActionState(keepTyped, idle);
  return {
    action,
    pending,
    error: state.status === 'error' ? state.error : undefined,
    values: state.status === 'error' ? state.values : undefined,
    result: state.status === 'done' ? state.result : undefined,
  };
}
