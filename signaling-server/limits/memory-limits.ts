import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Clock } from '../../shared/time/time';
import { SlidingWindow } from './sliding-window';
import type { Cooldown, LimitStore, RateWindow } from './limit-store';
import { MemberCooldown } from './member-cooldown';

/** Limits counted in this process: one node. */
export class MemoryLimits implements LimitStore {
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
    return new RateLimiterMemory({ points, duration: durationS });
  }
}
