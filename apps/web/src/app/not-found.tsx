import Link from 'next/link';

export default function NotFoundPage() {
  return (
    <main className="centered">
      <section className="card auth-card">
        <h1>Page not found</h1>
        <p>
          <Link href="/">Go to LORIS Studio</Link>
        </p>
      </section>
    </main>
  );
}
