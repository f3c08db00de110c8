import { createHash } from 'node:crypto';
import type { RequestSoundtrackInput } from '@/graphql/generated';

// The API hands back the job it already has for a key it has seen, whatever else the request says. So the
// key names one intended request: the page it was made on (a nonce drawn when the form was rendered) and
// exactly what was asked. A double click sends both twice and gets one job; changing a field after a
// refusal and trying again is a different request and gets a key of its own.
export function soundtrackIdempotencyKey(nonce: string, input: RequestSoundtrackInput): string {
  const asked = JSON.stringify(sortedKeys(input));
  const digest = createHash('sha256').update(nonce).update('\0').update(asked).digest('hex');
  return `console-${digest}`;
}

// The same request whatever the order its fields were written in, nested ones (`model`) included.
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const fields = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(fields)
      .sort()
      .map((name) => [name, sortedKeys(fields[name])]),
  );
}

// "Generate again" on a job's page: one intended request per rendered page (its nonce) and job.
export function againIdempotencyKey(nonce: string, jobId: string): string {
  const digest = createHash('sha256').update(nonce).update('\0again\0').update(jobId).digest('hex');
  return `console-again-${digest}`;
}
