/**
 * Open sockets per client IP and per caller, counted in this API process: a socket holds memory and a
 * keep-alive timer for as long as it lives, so one client may not hold an unbounded number of them.
 */
export class SocketCaps {
  private readonly open = new Map<string, number>();

  /** Takes a slot of `key` if fewer than `max` are taken; false (nothing taken) otherwise. */
  take(key: string, max: number): boolean {
    const count = this.open.get(key) ?? 0;
    if (count >= max) return false;
    this.open.set(key, count + 1);
    return true;
  }

  release(key: string): void {
    const count = (this.open.get(key) ?? 0) - 1;
    if (count > 0) this.open.set(key, count);
    else this.open.delete(key);
  }
}
