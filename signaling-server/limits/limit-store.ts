import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/** At most one event per key and window (a reaction, a repeated help alert, a flood penalty). */
export interface Cooldown {
  /** Takes the key's turn: 0 when it may go now, else the milliseconds left (nothing kept). */
  take(key: string): Promise<number>;
  /** The milliseconds left in the key's window, 0 when none; records nothing. */
  remaining(key: string): Promise<number>;
}

/** At most `limit` events per key in any window (chat lines). */
export interface RateWindow {
  /** Counts an event: 0 when counted, else the milliseconds until it would be. */
  take(key: string): Promise<number>;
}

/**
 * Where limits are counted: in this process, or in Redis so that a member or an address is
 * held to one limit whichever node it reaches. Keyed by member id or address, never by socket,
 * so neither a reload nor another node resets them.
 */
export interface LimitStore {
  cooldown(name: string, windowMs: number): Cooldown;
  window(name: string, limit: number, windowMs: number): RateWindow;
  /** rate-limiter-flexible's points per duration (wrong codes, new connections per address). */
  points(name: string, points: number, durationS: number): RateLimiterAbstract;
  /** Forgets what this process counted, with the timers that would expire it (on close). */
  dispose(): void;
}
