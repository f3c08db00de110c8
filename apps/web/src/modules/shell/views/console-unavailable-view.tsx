import { LogOutButton } from '@/modules/auth/components/log-out-button';

export function ConsoleUnavailableView({ message }: { message: string }) {
  return (
    <main className="centered">
      <section className="card auth-card">
        <h1>LORIS Studio</h1>
        <p className="notice notice-error" role="alert">
          {message}
        </p>
        <LogOutButton />
      </section>
    </main>
  );
}
