'use client';

// Anything a view did not turn into words itself lands here; the details stay in the server log.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="centered">
      <section className="card auth-card">
        <h1>Something went wrong</h1>
        <p className="notice notice-error" role="alert">
          The page could not be shown. Try again; if it keeps failing, check that the LORIS API is running.
        </p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </section>
    </main>
  );
}
