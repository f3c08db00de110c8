'use client';

import { leaveWorkspaceAction } from '../actions/members.actions';
import { ConfirmedAction } from './confirmed-action';

// Any member may leave; the last owner is refused by the API (hand the workspace over first), and that
// sentence shows under the button.
export function LeaveWorkspaceForm({ workspace }: { workspace: string }) {
  return (
    <section className="stack" aria-label="Leave this workspace">
      <h2>Leave workspace</h2>
      <p className="muted">
        You lose access to {workspace} at once, in every browser. An owner can invite you again.
      </p>
      <ConfirmedAction
        action={leaveWorkspaceAction}
        fields={{}}
        label="Leave workspace"
        accessibleName="Leave workspace"
        question={`Leave ${workspace}?`}
        confirmLabel="Yes, leave"
        keepLabel="No, stay"
        pendingLabel="Leaving…"
        danger
      />
    </section>
  );
}
