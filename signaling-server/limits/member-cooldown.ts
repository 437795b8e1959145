import type { Clock } from '../../shared/time/time';

/**
 * At most one reaction per member per window, so one person cannot fill everyone's view with
 * hearts. Keyed by member id rather than socket, so a reload does not reset it.
 */
export class MemberCooldown {
  private readonly lastShown = new Map<string, number>();
  private lastSweep: number;

  constructor(
    private readonly windowMs: number,
    private readonly now: Clock,
  ) {
    this.lastSweep = now();
  }

  /**
   * Takes the member's turn if the window since their last reaction has passed. Returns 0 when
   * it may be shown now, otherwise the milliseconds left to wait (nothing is recorded then).
   */
  take(memberId: string): number {
    const t = this.now();
    this.sweep(t);
    const last = this.lastShown.get(memberId);
    // A wall clock stepping backwards must not lock a member out for longer than the window.
    if (last !== undefined && t >= last && t - last < this.windowMs) {
      return this.windowMs - (t - last);
    }
    this.lastShown.set(memberId, t);
    return 0;
  }

  /** The milliseconds left in the member's window (0 when there is none), recording nothing. */
  remaining(memberId: string): number {
    const t = this.now();
    const last = this.lastShown.get(memberId);
    if (last === undefined || t < last || t - last >= this.windowMs) return 0;
    return this.windowMs - (t - last);
  }

  /** Members remembered; entries past their window go at the next sweep. */
  get size(): number {
    return this.lastShown.size;
  }

  /** Forgets entries whose window has passed; at most once per window, so it stays cheap. */
  private sweep(t: number): void {
    if (t >= this.lastSweep && t - this.lastSweep < this.windowMs) return;
    this.lastSweep = t;
    for (const [memberId, last] of this.lastShown) {
      if (t < last || t - last >= this.windowMs) this.lastShown.delete(memberId);
    }
  }
}
