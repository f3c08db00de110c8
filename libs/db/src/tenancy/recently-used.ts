/**
 * A map that keeps at most `capacity` entries and forgets the least recently used first. For lookups
 * whose answer never changes once it exists (a token's hash and what it names), where a bounded memory
 * buys back a database round trip on every request.
 */
export class RecentlyUsed<K, V> {
  // A Map iterates in insertion order, so re-inserting on every hit keeps the coldest entry first.
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`A recently-used cache holds at least one entry (got ${capacity}).`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
  }
}
