import type { QuotaKind } from '@/graphql/generated';

// Typed on the generated enum, so a kind added to the API fails the type check until it has words.
export const quotaLabels: Record<QuotaKind, string> = {
  AUDIO_SECONDS: 'Audio generated this month',
  CONCURRENT_JOBS: 'Soundtrack jobs running now',
  STORED_BYTES: 'Storage',
  TRAINING_MINUTES: 'Training this month',
  EVALUATION_SAMPLES: 'Evaluation samples this month',
};

const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Bytes in the largest binary unit that keeps the number at 1 or more: "1.5 GiB", "900 bytes". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}

/** Seconds of audio as a person reads them: "45.5 s", "12 min 3 s", "1 h" (rounded down to the second). */
export function formatAudioSeconds(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(1))} s`;
  const whole = Math.floor(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  return [h ? `${h} h` : '', m ? `${m} min` : '', s ? `${s} s` : ''].filter(Boolean).join(' ');
}

/** An amount of `kind` in its own unit. */
export function formatQuantity(kind: QuotaKind, amount: number): string {
  switch (kind) {
    case 'AUDIO_SECONDS':
      return formatAudioSeconds(amount);
    case 'STORED_BYTES':
      return formatBytes(amount);
    case 'CONCURRENT_JOBS':
      return `${amount} ${amount === 1 ? 'job' : 'jobs'}`;
    case 'TRAINING_MINUTES':
      return `${Number(amount.toFixed(1))} min`;
    case 'EVALUATION_SAMPLES':
      return `${amount} ${amount === 1 ? 'sample' : 'samples'}`;
  }
}

/** How full a limit is, 0 to 100 (a limit of 0 is full from the start: nothing more is allowed). */
export function percentUsed(used: number, limit: number): number {
  if (limit <= 0) return 100;
  return Math.min(100, Math.round((used / limit) * 100));
}

/** "1.5 s of 1 h (0%)": what the bar shows, in words for everyone. */
export function usageSentence(kind: QuotaKind, used: number, limit: number): string {
  return `${formatQuantity(kind, used)} of ${formatQuantity(kind, limit)} (${percentUsed(used, limit)}%)`;
}
