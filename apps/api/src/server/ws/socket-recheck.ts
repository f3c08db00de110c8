import { Logger } from '@nestjs/common';
import { SocketGate } from './socket-gate';
import { SocketSession } from './socket-session';

const logger = new Logger('SocketRecheck');

/**
 * Ends running subscriptions whose credentials stopped holding (a revoked key, a removed member, an
 * expired session) or whose role changed, within one interval (WS_RECHECK_INTERVAL_MS) even when the
 * socket sends nothing. Only sockets with running subscriptions are checked, and sockets sharing the
 * same credentials share one check: one indexed query per distinct caller per interval.
 */
export class SocketRecheck {
  private readonly sessions = new Set<SocketSession>();
  private timer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly gate: SocketGate,
    private readonly intervalMs: number,
  ) {}

  add(session: SocketSession): void {
    this.sessions.add(session);
  }

  remove(session: SocketSession): void {
    this.sessions.delete(session);
  }

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    // A sweep slower than the interval (a slow database) is not stacked on by the next one.
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const groups = new Map<string, SocketSession[]>();
      for (const session of this.sessions) {
        if (!session.hasRunningSubscriptions) continue;
        const { authorization, apiKey } = session.credentials;
        const key = JSON.stringify([authorization ?? null, apiKey ?? null]);
        groups.set(key, [...(groups.get(key) ?? []), session]);
      }
      await Promise.all([...groups.values()].map((group) => this.check(group)));
    } finally {
      this.sweeping = false;
    }
  }

  private async check(group: SocketSession[]): Promise<void> {
    try {
      const result = await this.gate.authenticate(group[0]);
      for (const session of group) session.apply(result);
    } catch (error) {
      // Not knowing (the database away) is no reason to end anyone's subscriptions; the next sweep retries.
      logger.warn(`Socket credentials not checked again: ${(error as Error).message}`);
    }
  }
}
