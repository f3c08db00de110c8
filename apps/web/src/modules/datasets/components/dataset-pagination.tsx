import Link from 'next/link';

// The API pages forward only (first/after), so the way back is to the first page.
export function DatasetPagination({ after, nextCursor }: { after?: string; nextCursor?: string | null }) {
  if (!after && !nextCursor) return null;
  return (
    <nav className="pagination" aria-label="Dataset pages">
      {after ? <Link href="/dashboard">← First page</Link> : <span />}
      {nextCursor ? (
        <Link href={`/dashboard?after=${encodeURIComponent(nextCursor)}`}>Next page →</Link>
      ) : null}
    </nav>
  );
}
