// Polls a URL until it answers below 500, or fails with what the server printed so far.
export async function waitForHttp(
  url: string,
  options: { timeoutMs: number; exited: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const exit = options.exited();
    if (exit) throw new Error(`${url} never answered: ${exit}`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${options.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
