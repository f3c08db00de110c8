import Link from 'next/link';
import { AcceptInvitationForm } from '../components/accept-invitation-form';

export function AcceptInvitationView({ token }: { token: string | undefined }) {
  return (
    <section className="card auth-card">
      <h1>Join a LORIS Studio workspace</h1>
      {token ? (
        <>
          <p className="muted">You were invited to a workspace. Choose a password to finish.</p>
          <AcceptInvitationForm token={token} />
        </>
      ) : (
        <p className="notice notice-error" role="alert">
          This invitation link is incomplete. Open the full link you were sent, or ask the workspace owner for
          a new one.
        </p>
      )}
      <p className="muted">
        Already a member? <Link href="/login">Log in</Link>
      </p>
    </section>
  );
}
