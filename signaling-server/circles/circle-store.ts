import type { CircleRecord } from './circle-record';

/**
 * Where circles live. Handlers and the circle service only ever see this interface, so the
 * in-memory store can be swapped for a shared one without touching them.
 */
export interface CircleStore {
  /** Stores a new circle; false if its code is already taken. */
  insert(circle: CircleRecord): Promise<boolean>;
  get(circleId: string): Promise<CircleRecord | undefined>;
  findIdByCode(code: string): Promise<string | undefined>;
  /**
   * Applies `change` atomically to the stored circle and returns its result. If `change`
   * throws, nothing is stored. Throws CircleNotFound when the circle is gone.
   */
  update<T>(circleId: string, change: (circle: CircleRecord) => T): Promise<T>;
  delete(circleId: string): Promise<void>;
  count(): Promise<number>;
}
