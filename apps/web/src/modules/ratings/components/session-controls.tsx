'use client';

import { FormError } from '@/components/form-error';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { banRaterAction, overrideSessionAction, verifyCodeAction } from '../actions/ratings.actions';

// Per session: the owner's include/exclude by hand (audited by the API), a ban of its rater; and, for the
// campaign, checking a completion code a rater hands in.

export function OverrideForm({
  campaignId,
  id,
  override,
}: {
  campaignId: string;
  id: string;
  override: string | null | undefined;
}) {
  const { action, error } = useFormAction(overrideSessionAction);
  return (
    <form action={action} className="filter" aria-label="Include or exclude by hand">
      <FormError message={error} />
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="id" value={id} />
      <select name="decision" defaultValue={override ?? 'RULES'} aria-label="Decision">
        <option value="RULES">the rules decide</option>
        <option value="INCLUDE">include</option>
        <option value="EXCLUDE">exclude</option>
      </select>
      <input name="note" placeholder="why" aria-label="Note" />
      <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
    </form>
  );
}

export function BanButton({ campaignId, sessionId }: { campaignId: string; sessionId: string }) {
  const { action, error } = useFormAction(banRaterAction);
  return (
    <form action={action}>
      <FormError message={error} />
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="sessionId" value={sessionId} />
      <SubmitButton pendingLabel="Banning…">Ban rater</SubmitButton>
    </form>
  );
}

export function VerifyCodeForm({ campaignId }: { campaignId: string }) {
  const { action, error, values, result } = useFormAction(verifyCodeAction);
  return (
    <form action={action} className="stack" aria-label="Verify a completion code">
      <h2>Verify a completion code</h2>
      <FormError message={error} />
      {result ? (
        <p className="notice notice-success" role="status">
          Valid: a {result.stage.toLowerCase()} session,{' '}
          {result.counted
            ? 'counted in the results.'
            : `excluded (${result.exclusionReasons.join(', ') || 'by hand'}).`}
        </p>
      ) : null}
      <input type="hidden" name="campaignId" value={campaignId} />
      <label className="field">
        <span className="field-label">Completion code</span>
        <input name="code" autoComplete="off" required defaultValue={values?.code} />
      </label>
      <SubmitButton pendingLabel="Checking…">Verify</SubmitButton>
    </form>
  );
}
