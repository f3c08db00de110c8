import Link from 'next/link';

// Pages forward only, as the API does (first/after), so the way back is to the first page. `href` builds
// a page's address from its cursor (none: the first page), keeping whatever else the list is filtered by.
export function CursorPagination({
  label,
  after,
  nextCursor,
  href,
}: {
  label: string;
  after?: string;
  nextCursor?: string | null;
  href: (cursor?: string) => string;
}) {
  if (!after && !nextCursor) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {after ? <Link href={href()}>← First page</Link> : <span />}
      {nextCursor ? <Link href={href(nextCursor)}>Next page →</Link> : null}
    </nav>
  );
}
