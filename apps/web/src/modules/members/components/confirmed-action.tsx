'use client';

import { useEffect, useRef, useState } from 'react';
import { FormError } from '@/components/form-error';
import { useFormAction } from '@/components/use-form-action';
import type { FormState } from '@/lib/forms/form-state';
import styles from './member-actions.module.css';

// One button that does one thing to a member or an invitation that cannot be undone from here. The first
// press asks in place what will happen (focus moves to the safe answer), Escape or that answer closes the
// question, and only the confirming button sends the form. A refusal (e.g. the last owner) shows under it.
export function ConfirmedAction({
  action,
  fields,
  label,
  accessibleName,
  question,
  confirmLabel,
  pendingLabel,
  keepLabel = 'No, keep',
  danger = false,
}: {
  action: (previous: FormState, form: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  accessibleName: string;
  question: string;
  confirmLabel: string;
  pendingLabel: string;
  keepLabel?: string;
  danger?: boolean;
}) {
  const { action: submit, pending, error } = useFormAction(action);
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);

  const tone = danger ? 'button-danger' : 'button-secondary';
  if (!asking) {
    return (
      <button type="button" className={tone} aria-label={accessibleName} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <form
      action={submit}
      className={styles.confirm}
      role="group"
      aria-label={`Confirm: ${accessibleName}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setAsking(false);
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <span>{question}</span>
      <button type="submit" className={tone} disabled={pending}>
        {pending ? pendingLabel : confirmLabel}
      </button>
      <button type="button" className="button-secondary" ref={keep} onClick={() => setAsking(false)}>
        {keepLabel}
      </button>
      <FormError message={error} />
    </form>
  );
}
