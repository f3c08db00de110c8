export type ProbeStatus = 'up' | 'down';

/** 'up' when check() resolves within timeoutMs, 'down' when it rejects or takes longer. */
export async function probe(check: () => Promise<unknown>, timeoutMs = 1000): Promise<ProbeStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
