/** A Map-backed stand-in for the browser's Storage, with switches for the ways it can fail. */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  /** Reads and writes throw, as in a browser that blocks site data. */
  blocked = false;
  /** Writes throw, as when the quota is used up. */
  full = false;
  writes = 0;

  get length(): number {
    return this.items.size;
  }

  getItem(key: string): string | null {
    if (this.blocked) throw new Error('blocked');
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.blocked || this.full) throw new Error('refused');
    this.writes++;
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    if (this.blocked) throw new Error('blocked');
    this.items.delete(key);
  }

  clear(): void {
    this.items.clear();
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  /** Typed as the browser's, for the classes that take one. */
  get asStorage(): Storage {
    return this;
  }
}
