/**
 * One JSON value under one key of a browser storage. Storage can be missing or refuse (private
 * modes, full quotas), and what it holds can be anything: a read that fails or does not fit
 * reads as nothing, and a write that fails is dropped, so the page works on without it.
 */
export class StoredJson<T> {
  constructor(
    private readonly storage: Storage | undefined,
    private readonly key: string,
    private readonly fits: (value: unknown) => value is T,
  ) {}

  load(): T | undefined {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(this.key) ?? 'null');
      return this.fits(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  save(value: T): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(value));
    } catch {
      // Not kept: a reload starts over, and nothing else depends on it.
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // Nothing to clear when storage is unavailable.
    }
  }
}

/**
 * A record of strings under one key: it reads back only when every field is a string, and
 * keeps only those fields, whatever else the value passed in carries.
 */
export class StoredStrings<K extends string> extends StoredJson<Record<K, string>> {
  constructor(
    storage: Storage | undefined,
    key: string,
    private readonly fields: readonly K[],
  ) {
    super(storage, key, (value): value is Record<K, string> => {
      if (typeof value !== 'object' || value === null) return false;
      const record = value as Record<string, unknown>;
      return fields.every((field) => typeof record[field] === 'string');
    });
  }

  override save(value: Record<K, string>): void {
    super.save(
      Object.fromEntries(this.fields.map((field) => [field, value[field]])) as Record<K, string>,
    );
  }
}
