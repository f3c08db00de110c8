import { redirect } from 'next/navigation';
import { isApiError } from '@/lib/api/graphql-client';
import { failed, type FormState } from './form-state';

// Runs an API call for a form. On signed-in pages UNAUTHENTICATED means the session ended (log in again);
// on the public pages it is the answer to wrong credentials and is shown like any other refusal.
export async function attempt<T>(
  work: () => Promise<T>,
  options: { signedIn: boolean; values?: Record<string, string> },
): Promise<FormState<T>> {
  try {
    return { status: 'done', result: await work() };
  } catch (error) {
    if (!isApiError(error)) throw error;
    if (options.signedIn && error.code === 'UNAUTHENTICATED') redirect('/login?expired=1');
    return failed(error.message, options.values);
  }
}
