import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

const names = new Map<string, string>();

/**
 * A named (prepared) pg query for a fixed SQL text: each pooled connection plans it once and reuses the
 * plan, which matters for queries over several row-level-secured tables, whose planning costs more than
 * their execution. Row security stays correct: the policies are part of the plan and app_current_tenant()
 * is evaluated at execution. Only for constant SQL text (every distinct text is prepared on every connection).
 */
export function prepared(text: string, values: unknown[] = []): QueryConfig {
  let name = names.get(text);
  if (!name) {
    name = `loris_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return { name, text, values };
}
