import Link from 'next/link';
import { LogInForm } from '../components/log-in-form';

export function LogInView({ sessionEnded }: { sessionEnded: boolean }) {
  return (
    <section className="card auth-card">
      <h1>Log in to LORIS Studio</h1>
      {sessionEnded ? (
        <p className="notice" role="status">
          Your session has ended. Log in again.
        </p>
      ) : null}
      <LogInForm />
      <p className="muted">
        New here? <Link href="/signup">Create a workspace</Link>
      </p>
    </section>
  );
}
