import { userInfo } from 'os';
import { InvalidArgumentError, type Command } from 'commander';
import type { QuotaChanges, QuotaKind, StoredLimits } from '@loris/db/admin';
import { CliError } from '../cli.error';
import { formatTable } from '../output/table.output';
import { writeOutput } from '../output/write-output';

/** One option per quota kind: its flag and what it limits. */
const QUOTA_FLAGS: readonly { kind: QuotaKind; flag: string; what: string }[] = [
  { kind: 'AUDIO_SECONDS', flag: 'audio-seconds', what: 'seconds of audio per UTC month' },
  { kind: 'CONCURRENT_JOBS', flag: 'concurrent-jobs', what: 'soundtrack jobs queued or running at once' },
  { kind: 'STORED_BYTES', flag: 'stored-bytes', what: 'bytes stored (a number, or with KiB/MiB/GiB/TiB)' },
  { kind: 'TRAINING_MINUTES', flag: 'training-minutes', what: 'training minutes per UTC month' },
  { kind: 'EVALUATION_SAMPLES', flag: 'evaluation-samples', what: 'evaluation samples per UTC month' },
];

const UNITS: Record<string, number> = { '': 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/**
 * A limit as typed: a whole number (bytes may carry a binary unit), or `default` for the platform's. The
 * word stays a word here (commander turns an option's null into ''); changesOf() makes it null.
 */
export function parseLimit(value: string): number | 'default' {
  const text = value.trim().toLowerCase();
  if (text === 'default') return 'default';
  const match = /^(\d+(?:\.\d+)?)\s*(kib|mib|gib|tib)?$/.exec(text);
  const parsed = match ? Number(match[1]) * UNITS[match[2] ?? ''] : NaN;
  if (!Number.isSafeInteger(parsed)) {
    throw new InvalidArgumentError(
      'expected a whole number >= 0 (bytes may end in KiB, MiB, GiB or TiB), or "default"',
    );
  }
  return parsed;
}

interface QuotaOptions extends Partial<Record<string, string | number | null | boolean | undefined>> {
  tenant: string;
  operator?: string;
  json?: boolean;
}

function changesOf(options: QuotaOptions): QuotaChanges {
  const changes: QuotaChanges = {};
  for (const { kind, flag } of QUOTA_FLAGS) {
    const key = flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const value = options[key];
    if (value !== undefined) changes[kind] = value === 'default' ? null : (value as number);
  }
  return changes;
}

const words = (value: number | null) => (value === null ? 'default' : String(value));

function limitsTable(limits: StoredLimits, after?: StoredLimits): string {
  const rows = QUOTA_FLAGS.map(({ kind, flag }) =>
    after ? [flag, words(limits[kind]), words(after[kind])] : [flag, words(limits[kind])],
  );
  return formatTable(after ? ['limit', 'before', 'after'] : ['limit', 'value'], rows);
}

/**
 * The owner database connection (DATABASE_URL, as `npm run db:setup` uses): these commands are for the
 * platform's operators, never reachable through the API (its role may not write tenant_quotas at all).
 * Loaded on use, so the signal commands do not start the database client.
 */
async function withOwnerDatabase<T>(
  work: (db: typeof import('@loris/db/admin'), url: string) => Promise<T>,
): Promise<T> {
  const db = await import('@loris/db/admin');
  const url = db.databaseConfigFromEnv().ownerUrl;
  try {
    return await work(db, url);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === '3D000' || code === 'ECONNREFUSED' || code === '28P01' || code === '28000') {
      throw new CliError(
        'DATABASE_UNREACHABLE',
        `cannot use the database at ${db.redactUrl(url)} (${(error as Error).message}): set DATABASE_URL to ` +
          'the owner connection, or run `npm run db:setup`',
      );
    }
    throw error;
  }
}

async function showQuotas(options: QuotaOptions): Promise<void> {
  await withOwnerDatabase(async (db, url) => {
    const limits = await db.withOwnerClient(url, (client) => db.readTenantQuotas(client, options.tenant));
    writeOutput(Boolean(options.json), { tenant: options.tenant, limits }, () => limitsTable(limits));
  });
}

async function setQuotas(options: QuotaOptions): Promise<void> {
  const operator = options.operator ?? process.env.USER ?? userInfo().username;
  await withOwnerDatabase(async (db, url) => {
    const { before, after } = await db.withOwnerClient(url, (client) =>
      db.setTenantQuotas(client, options.tenant, changesOf(options), operator),
    );
    writeOutput(Boolean(options.json), { tenant: options.tenant, operator, before, after }, () =>
      limitsTable(before, after),
    );
  });
}

/** `loris admin quotas show|set`: an operator reads or changes a tenant's limits (audited). */
export function registerAdminCommand(program: Command): void {
  const quotas = program
    .command('admin')
    .description("operator commands on the owner database connection (DATABASE_URL): a tenant's quotas")
    .command('quotas')
    .description("read or change a tenant's limits (what the console's Usage page shows)");
  quotas
    .command('show')
    .description('print a tenant\'s own limits ("default": the platform\'s, from QUOTA_* settings)')
    .requiredOption('--tenant <id>', "the tenant's id")
    .option('--json', 'print JSON instead of a table')
    .action((options: QuotaOptions) => showQuotas(options));
  const set = quotas
    .command('set')
    .description("change a tenant's limits; the change is written to its audit log with the operator's name")
    .requiredOption('--tenant <id>', "the tenant's id")
    .option('--operator <name>', 'who is making the change, for the audit log (default: $USER)');
  for (const { flag, what } of QUOTA_FLAGS) set.option(`--${flag} <n>`, `${what}, or "default"`, parseLimit);
  set.option('--json', 'print JSON instead of a table').action((options: QuotaOptions) => setQuotas(options));
}
