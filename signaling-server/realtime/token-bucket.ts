import type { FloodPolicy } from '../config';

import type { Clock } from '../../shared/time/time';

/** Per-socket flood guard: `burst` tokens, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly policy: FloodPolicy,
    private readonly now: Clock,
  ) {
    this.tokens = policy.burst;
    this.last = now();
  }

  /** Takes `cost` tokens; false (taking none) when the sender is over its rate. */
  take(cost = 1): boolean {
    const t = this.now();
    // A wall clock can step backwards; that must never cost a client its tokens.
    const refill = (Math.max(0, t - this.last) / 1000) * this.policy.perSecond;
    this.tokens = Math.min(this.policy.burst, this.tokens + refill);
    this.last = t;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}
