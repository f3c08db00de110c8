'use client';

import { useFormStatus } from 'react-dom';

// `disabled` is for a form that is not ready yet (e.g. a file still uploading); pending always disables.
export function SubmitButton({
  children,
  pendingLabel,
  disabled = false,
}: {
  children: React.ReactNode;
  pendingLabel: string;
  disabled?: boolean;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending || disabled} aria-disabled={pending || disabled}>
      {pending ? pendingLabel : children}
    </button>
  );
}
