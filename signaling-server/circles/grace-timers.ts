import type { Scheduler } from '../../shared/time/time';

/** One pending timer per key; starting a key again replaces its timer. */
export class KeyedTimers {
  private readonly pending = new Map<string, unknown>();

  constructor(private readonly scheduler: Scheduler) {}

  start(key: string, ms: number, onExpire: () => void): void {
    this.cancel(key);
    const handle = this.scheduler.set(() => {
      this.pending.delete(key);
      onExpire();
    }, ms);
    this.pending.set(key, handle);
  }

  cancel(key: string): void {
    const handle = this.pending.get(key);
    if (handle === undefined) return;
    this.scheduler.clear(handle);
    this.pending.delete(key);
  }

  cancelPrefix(prefix: string): void {
    for (const key of [...this.pending.keys()]) {
      if (key.startsWith(prefix)) this.cancel(key);
    }
  }

  get size(): number {
    return this.pending.size;
  }

  dispose(): void {
    for (const handle of this.pending.values()) this.scheduler.clear(handle);
    this.pending.clear();
  }
}
