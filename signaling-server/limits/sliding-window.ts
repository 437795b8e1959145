import type { Clock } from '../../shared/time/time';

/**
 * At most `limit` events per key in any `windowMs`, so one member cannot flood the chat.
 * Keyed by member id rather than socket, so a reload does not reset it.
 */
export class SlidingWindow {
  private readonly events = new Map<string, number[]>();
  private lastSweep: number;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: Clock,
  ) {
    this.lastSweep = now();
  }

  /**
   * Counts an event for `key` if the window has room. Returns 0 when it was counted, otherwise
   * the milliseconds until it would be (nothing is recorded then).
   */
  take(key: string): number {
    const t = this.now();
    this.sweep(t);
    // A wall clock stepping backwards must not hold anyone back for longer than the window.
    const recent = (this.events.get(key) ?? []).filter((at) => at <= t && t - at < this.windowMs);
    const oldest = recent[0];
    if (recent.length >= this.limit && oldest !== undefined) {
      this.events.set(key, recent);
      return this.windowMs - (t - oldest);
    }
    recent.push(t);
    this.events.set(key, recent);
    return 0;
  }

  /** Keys remembered; entries past their window go at the next sweep. */
  get size(): number {
    return this.events.size;
  }

  private sweep(t: number): void {
    if (t >= this.lastSweep && t - this.lastSweep < this.windowMs) return;
    this.lastSweep = t;
    for (const [key, times] of this.events) {
      const last = times[times.length - 1];
      if (last === undefined || t < last || t - last >= this.windowMs) this.events.delete(key);
    }
  }
}
