'use client';

import { EnumSelect } from '@/components/enum-select';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { DatasetCategory } from '@/graphql/generated';
import { createDatasetAction } from '../actions/datasets.actions';
import { categoryLabels } from './category-labels';

function isCategory(value: string | undefined): value is DatasetCategory {
  return value !== undefined && value in categoryLabels;
}

export function CreateDatasetForm() {
  const { action, error, values, result } = useFormAction(createDatasetAction);
  return (
    <form action={action} className="stack" aria-label="Create a dataset">
      <h2>New dataset</h2>
      <FormError message={error} />
      {result ? (
        <p className="notice notice-success" role="status">
          Created “{result.name}”.
        </p>
      ) : null}
      <Field label="Name" name="name" required defaultValue={values?.name} />
      <EnumSelect
        label="Category"
        name="category"
        labels={categoryLabels}
        defaultValue={isCategory(values?.category) ? values.category : DatasetCategory.Dance}
      />
      <label className="field">
        <span className="field-label">Description</span>
        <textarea name="description" rows={3} defaultValue={values?.description} />
      </label>
      <SubmitButton pendingLabel="Creating…">Create dataset</SubmitButton>
    </form>
  );
}
