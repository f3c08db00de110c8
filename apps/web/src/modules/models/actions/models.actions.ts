'use server';

import { revalidatePath } from 'next/cache';
import { MoveModelAliasDocument } from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { attempt } from '@/lib/forms/attempt';
import { textField } from '@/lib/forms/form-fields';
import { failed, type FormState } from '@/lib/forms/form-state';
import { requireCredentials } from '@/lib/session/session';
import { parseAliasMove } from '../lib/alias-move';

export type MovedAlias = { name: string; versionId: string };

// Points an alias at a version. The Models page shows the alias and its new history row once it is
// re-rendered, and Generate's model choices name what each alias now serves.
export async function moveModelAliasAction(
  _previous: FormState<MovedAlias>,
  form: FormData,
): Promise<FormState<MovedAlias>> {
  const credentials = await requireCredentials();
  const values = { name: textField(form, 'name'), versionId: textField(form, 'versionId') };
  const parsed = parseAliasMove(values.name, values.versionId);
  if ('error' in parsed) return failed(parsed.error, values);
  const state = await attempt(
    async () => (await requestGraphql(MoveModelAliasDocument, parsed, credentials)).moveModelAlias,
    { signedIn: true, values },
  );
  if (state.status === 'done') {
    revalidatePath('/models');
    revalidatePath('/generate');
  }
  return state;
}
