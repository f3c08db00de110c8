'use server';

import { revalidatePath } from 'next/cache';
import { CreateDatasetDocument, DatasetCategory } from '@/graphql/generated';
import { requestGraphql } from '@/lib/api/graphql-client';
import { enumField, textField } from '@/lib/forms/form-fields';
import { attempt } from '@/lib/forms/attempt';
import { failed, type FormState } from '@/lib/forms/form-state';
import { requireCredentials } from '@/lib/session/session';

export type CreatedDataset = { id: string; name: string };

export async function createDatasetAction(
  _previous: FormState<CreatedDataset>,
  form: FormData,
): Promise<FormState<CreatedDataset>> {
  const credentials = await requireCredentials();
  const name = textField(form, 'name');
  const description = textField(form, 'description');
  const category = enumField(form, 'category', DatasetCategory);
  const values = { name, description, category: category ?? '' };
  if (!category) return failed('Choose a category.', values);
  const state = await attempt(
    async () =>
      (await requestGraphql(CreateDatasetDocument, { input: { name, category, description } }, credentials))
        .createDataset,
    { signedIn: true, values },
  );
  if (state.status === 'done') revalidatePath('/dashboard');
  return state;
}
