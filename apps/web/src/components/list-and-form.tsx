import { FormError } from './form-error';

// The body of a management page: the list on the left and its create form on the right, or only the
// API's refusal when the list could not be loaded (FORBIDDEN for a role that may not manage it).
export function ListAndForm({
  error,
  list,
  form,
}: {
  error?: string;
  list: React.ReactNode;
  form?: React.ReactNode;
}) {
  if (error) return <FormError message={error} />;
  return (
    <div className="columns">
      <section className="card grow">{list}</section>
      {form ? <section className="card side">{form}</section> : null}
    </div>
  );
}
