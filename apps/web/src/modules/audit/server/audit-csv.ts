import { AuditEventsDocument, type AuditEventFilterInput, type AuditEventsQuery } from '@/graphql/generated';
import { type Credentials, isApiError, requestGraphql } from '@/lib/api/graphql-client';
import { apiErrorAnswer } from '@/modules/soundtracks/server/route-answers';
import { auditDetailPairs } from '../lib/audit-details';
import { csvRow } from '../lib/csv';

type AuditEvent = AuditEventsQuery['auditEvents']['edges'][number]['node'];
type AuditPage = AuditEventsQuery['auditEvents'];

// The largest page the API gives: the fewest round trips for a long log.
const pageSize = 100;

const header = [
  'occurred_at',
  'action',
  'actor_kind',
  'actor_id',
  'actor',
  'object_type',
  'object_id',
  'request_id',
  'details',
];

export function auditCsvFields(event: AuditEvent): string[] {
  return [
    event.occurredAt,
    event.action,
    event.actor.kind,
    event.actor.id ?? '',
    event.actor.label ?? '',
    event.objectType,
    event.objectId ?? '',
    event.requestId ?? '',
    auditDetailPairs(event.details).join('; '),
  ];
}

function loadPage(filter: AuditEventFilterInput, after: string | null, credentials: Credentials) {
  return requestGraphql(AuditEventsDocument, { filter, first: pageSize, after }, credentials).then(
    (data): AuditPage => data.auditEvents,
  );
}

/**
 * The filtered log as a CSV download, read from the API a page at a time as the browser takes it, so a
 * long log is never held whole here. The first page is read before answering: a refusal (not an owner, an
 * ended session) is then an HTTP error with its words rather than a CSV cut short.
 */
export async function auditCsvAnswer(
  filter: AuditEventFilterInput,
  credentials: Credentials,
): Promise<Response> {
  let first: AuditPage;
  try {
    first = await loadPage(filter, null, credentials);
  } catch (error) {
    if (isApiError(error)) return apiErrorAnswer(error);
    throw error;
  }
  const encoder = new TextEncoder();
  let page: AuditPage | null = first;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(header)));
    },
    async pull(controller) {
      if (!page) return controller.close();
      controller.enqueue(
        encoder.encode(page.edges.map((edge) => csvRow(auditCsvFields(edge.node))).join('')),
      );
      const next = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      page = next ? await loadPage(filter, next, credentials) : null;
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-events-${day}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
