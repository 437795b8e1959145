import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { copyCircle, type CircleRecord } from './circle-record';
import type { CircleStore } from './circle-store';

/** The embedded default: one process, nothing persisted. Circles vanish with the process. */
export class MemoryCircleStore implements CircleStore {
  private readonly circles = new Map<string, CircleRecord>();
  private readonly idsByCode = new Map<string, string>();

  insert(circle: CircleRecord): Promise<boolean> {
    if (this.idsByCode.has(circle.code) || this.circles.has(circle.id)) {
      return Promise.resolve(false);
    }
    this.circles.set(circle.id, copyCircle(circle));
    this.idsByCode.set(circle.code, circle.id);
    return Promise.resolve(true);
  }

  get(circleId: string): Promise<CircleRecord | undefined> {
    const circle = this.circles.get(circleId);
    return Promise.resolve(circle ? copyCircle(circle) : undefined);
  }

  findIdByCode(code: string): Promise<string | undefined> {
    return Promise.resolve(this.idsByCode.get(code));
  }

  update<T>(circleId: string, change: (circle: CircleRecord) => T): Promise<T> {
    const current = this.circles.get(circleId);
    if (!current) return Promise.reject(EngawaError.of(ErrorCode.CircleNotFound));
    // Work on a copy so a change that throws halfway leaves the stored circle untouched.
    const draft = copyCircle(current);
    try {
      const result = change(draft);
      // Keep a copy of our own, so a caller holding the returned draft cannot change the store.
      this.circles.set(circleId, copyCircle(draft));
      return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  delete(circleId: string): Promise<void> {
    const circle = this.circles.get(circleId);
    if (circle) this.idsByCode.delete(circle.code);
    this.circles.delete(circleId);
    return Promise.resolve();
  }

  count(): Promise<number> {
    return Promise.resolve(this.circles.size);
  }
}
