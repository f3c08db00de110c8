import Link from 'next/link';
import { SignUpForm } from '../components/sign-up-form';

export function SignUpView() {
  return (
    <section className="card auth-card">
      <h1>Create a LORIS Studio workspace</h1>
      <p className="muted">You become its owner: you can invite members and create API keys.</p>
      <SignUpForm />
      <p className="muted">
        Already have an account? <Link href="/login">Log in</Link>
      </p>
    </section>
  );
}
