import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * New connections per client address and minute. Without it, a socket cut off for flooding
 * simply connects again and floods again, hundreds of times a second. Generous enough for a
 * whole group behind one address (a support centre, a school) arriving at once and reloading.
 * Connections already open are never affected.
 */
export class ConnectionLimiter {
  /** `limiter` counts `perMinute` points per address and minute (`LimitStore.points`). */
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly perMinute: number,
  ) {}

  /**
   * Counts a new connection from `address`. `firstRefusal` marks the first one refused in the
   * address's minute, so a storm of them can be logged once.
   */
  async admit(address: string): Promise<{ admitted: boolean; firstRefusal: boolean }> {
    try {
      await this.limiter.consume(address);
      return { admitted: true, firstRefusal: false };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { admitted: false, firstRefusal: rejection.consumedPoints === this.perMinute + 1 };
    }
  }
}
