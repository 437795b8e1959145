import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Clock } from '../../shared/time/time';
import { SlidingWindow } from './sliding-window';
import type { Cooldown, LimitStore, RateWindow } from './limit-store';
import { MemberCooldown } from './member-cooldown';

/**
 * rate-limiter-flexible's counters in this process. Each count keeps a timer to expire it;
 * unref'd, it does not hold the process, but it would hold a closed server's objects until
 * it fires (up to a window, a minute or more), so `dispose` cancels them.
 */
export class MemoryCounters {
  private readonly made: RateLimiterMemory[] = [];

  create(points: number, durationS: number): RateLimiterMemory {
    const limiter = new RateLimiterMemory({ points, duration: durationS });
    this.made.push(limiter);
    return limiter;
  }

  dispose(): void {
    for (const limiter of this.made.splice(0)) {
      // Deleting a key clears its timer; the promise it returns is already settled.
      for (const { key } of limiter.dump().storage) void limiter.delete(key);
    }
  }
}

/** Limits counted in this process: one node. */
export class MemoryLimits implements LimitStore {
  private readonly counters = new MemoryCounters();

  constructor(private readonly now: Clock) {}

  cooldown(_name: string, windowMs: number): Cooldown {
    const cooldown = new MemberCooldown(windowMs, this.now);
    return {
      take: (key) => Promise.resolve(cooldown.take(key)),
      remaining: (key) => Promise.resolve(cooldown.remaining(key)),
    };
  }

  window(_name: string, limit: number, windowMs: number): RateWindow {
    const window = new SlidingWindow(limit, windowMs, this.now);
    return { take: (key) => Promise.resolve(window.take(key)) };
  }

  points(_name: string, points: number, durationS: number): RateLimiterMemory {
    return this.counters.create(points, durationS);
  }

  dispose(): void {
    this.counters.dispose();
  }
}
