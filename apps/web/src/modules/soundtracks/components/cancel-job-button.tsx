'use client';

import { useEffect, useRef, useState } from 'react';
import { FormError } from '@/components/form-error';
import { useFormAction } from '@/components/use-form-action';
import { cancelSoundtrackJobAction } from '../actions/soundtracks.actions';
import styles from './cancel-job-button.module.css';

// Cancelling throws away the compute a job has spent, so it asks first: the first press opens the
// question in place (focus moves to "Keep it", the safe answer), Escape or "Keep it" closes it, and only
// "Yes, cancel" sends the cancellation.
export function CancelJobButton({ id, label }: { id: string; label: string }) {
  const { action, pending, error } = useFormAction(cancelSoundtrackJobAction);
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <>
        <button type="button" className="button-danger" aria-label={label} onClick={() => setAsking(true)}>
          Cancel
        </button>
        <FormError message={error} />
      </>
    );
  }
  return (
    <form
      action={action}
      className={styles.confirm}
      role="group"
      aria-label="Confirm cancellation"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setAsking(false);
      }}
    >
      <input type="hidden" name="id" value={id} />
      <span>Cancel this job? Its progress is lost.</span>
      <button type="submit" className="button-danger" disabled={pending}>
        {pending ? 'Cancelling…' : 'Yes, cancel'}
      </button>
      <button type="button" className="button-secondary" ref={keep} onClick={() => setAsking(false)}>
        Keep it
      </button>
      <FormError message={error} />
    </form>
  );
}
