/** Bounded caches for what depends on user input: the few hundred most recent entries, never more. */

/** A map that keeps at most `capacity` entries, dropping the least recently used one first. */
export class Lru<K, V> {
  // A Map iterates in insertion order: re-inserting an entry on use keeps the least recently used first.
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }
}

/**
 * Names a cache that a module above the index keeps per corpus (CorpusView.cache): the corpus holds the
 * entries, so a refresh drops them with the reports they came from, and the module holds only this key.
 */
export class CacheKey<V> {
  // Ties the key to its value type; there is no such field at run time.
  declare private readonly valueType?: V;

  constructor(readonly name: string, readonly capacity: number) {}
}
