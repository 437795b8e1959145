import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { EngawaError } from '../../shared/protocol/errors';

/**
 * Counts wrong guesses (circle codes, facilitator keys) per client address. Secrets of 55 bits
 * and more cannot be found at this rate, and a limited address is refused even for a right
 * guess, so it learns nothing.
 */
export class AttemptLimiter {
  /** Points are wrong guesses, per address and window (`LimitStore.points`). */
  constructor(private readonly limiter: RateLimiterAbstract) {}

  async assertAllowed(address: string): Promise<void> {
    const state = await this.limiter.get(address);
    if (state && state.remainingPoints <= 0) {
      throw EngawaError.tooManyAttempts(Math.ceil(state.msBeforeNext / 1000));
    }
  }

  async recordFailure(address: string): Promise<void> {
    try {
      await this.limiter.consume(address);
    } catch (rejection) {
      // Out of points: the next attempt is refused by assertAllowed.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
    }
  }
}
