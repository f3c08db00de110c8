import { NextResponse, type NextRequest } from 'next/server';
import { apiUrl } from '@/lib/api/api-url';

// Serves the API's /graphql and the rater API (/rate/api/...) on the console's own origin, so browser code,
// the rater pages and tools pointed at the console need no CORS. Done here rather than in next.config
// rewrites, which are fixed at build time: API_URL is read per request, so one build runs against any API.
export function proxy(request: NextRequest) {
  return NextResponse.rewrite(new URL(`${apiUrl()}${request.nextUrl.pathname}${request.nextUrl.search}`));
}

export const config = { matcher: ['/graphql', '/rate/api/:path*'] };
