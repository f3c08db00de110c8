'use client';

import { useActionState } from 'react';
import { idle, type FormState } from '@/lib/forms/form-state';

// The state of a form bound to a Server Action, unpacked the way every form reads it.
export function useFormAction<T>(
  serverAction: (previous: FormState<T>, form: FormData) => Promise<FormState<T>>,
) {
  const [state, action, pending] = useActionState(serverAction, idle);
  return {
    action,
    pending,
    error: state.status === 'error' ? state.error : undefined,
    values: state.status === 'error' ? state.values : undefined,
    result: state.status === 'done' ? state.result : undefined,
  };
}
