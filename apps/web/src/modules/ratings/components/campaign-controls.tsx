'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { closeCampaignAction, createLinkAction, prepareCampaignAction } from '../actions/ratings.actions';
import { RaterLinkReveal } from './rater-link-reveal';

// The campaign's lifecycle moves for owners and engineers: prepare (a draft, or again after a failure;
// it opens by itself when every stimulus is made), close, and a link per rater.

export function PrepareButton({ id, again }: { id: string; again: boolean }) {
  const { action, error } = useFormAction(prepareCampaignAction);
  return (
    <form action={action} className="stack">
      <FormError message={error} />
      <input type="hidden" name="id" value={id} />
      <SubmitButton pendingLabel="Preparing…">{again ? 'Prepare again' : 'Prepare and open'}</SubmitButton>
    </form>
  );
}

export function CloseButton({ id }: { id: string }) {
  const { action, error } = useFormAction(closeCampaignAction);
  return (
    <form
      action={action}
      className="stack"
      onSubmit={(event) => {
        if (!window.confirm('Close the campaign? No session starts and no vote is taken after this.'))
          event.preventDefault();
      }}
    >
      <FormError message={error} />
      <input type="hidden" name="id" value={id} />
      <SubmitButton pendingLabel="Closing…">Close the campaign</SubmitButton>
    </form>
  );
}

export function NewRaterLinkForm({ campaignId }: { campaignId: string }) {
  const { action, error, values, result } = useFormAction(createLinkAction);
  return (
    <form action={action} className="stack" aria-label="New rater link">
      <FormError message={error} />
      {result ? (
        <RaterLinkReveal label="Rater link" link={result.link}>
          A link for one rater (one session), shown only now.
        </RaterLinkReveal>
      ) : null}
      <input type="hidden" name="campaignId" value={campaignId} />
      <label className="field">
        <span className="field-label">Rater link label</span>
        <input name="label" placeholder="e.g. panel 3, rater 12" defaultValue={values?.label} />
      </label>
      <SubmitButton pendingLabel="Making…">Make a rater link</SubmitButton>
    </form>
  );
}

/** While a campaign prepares, the page reloads its data every two seconds (the API's progress counters). */
export function PreparePolling({ every = 2000 }: { every?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = window.setInterval(() => router.refresh(), every);
    return () => window.clearInterval(timer);
  }, [router, every]);
  return null;
}
