import { CursorPagination } from '@/components/cursor-pagination';

function datasetsPage(cursor?: string): string {
  return cursor ? `/dashboard?after=${encodeURIComponent(cursor)}` : '/dashboard';
}

export function DatasetPagination({ after, nextCursor }: { after?: string; nextCursor?: string | null }) {
  return <CursorPagination label="Dataset pages" after={after} nextCursor={nextCursor} href={datasetsPage} />;
}
