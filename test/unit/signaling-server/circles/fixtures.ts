import { EngawaError } from '../../../../shared/protocol/errors';
import type { CircleRecord } from '../../../../signaling-server/circles/circle-record';
import * as rules from '../../../../signaling-server/circles/circle-rules';
import { knockRecord } from '../../../support/knock-record';

/** Plain circle records for rule tests: a facilitator `fac` in seat 0, connected. */
export const T0 = 1_700_000_000_000;

export function newCircle(capacity = 8): CircleRecord {
  return rules.createCircleRecord({
    id: 'circle-0001',
    code: 'K7QM-2XPD-9TR',
    title: 'Tuesday circle',
    capacity,
    facilitator: {
      id: 'fac',
      name: 'ファシリ',
      resumeTokenHash: 'HASH-fac',
      connectionId: 'conn-fac',
      now: T0,
    },
    setup: { rules: ['Be kind'] },
  });
}

/** Knocks (from device `device-<id>`), admits as `id` and takes the seat. */
export function seat(circle: CircleRecord, id: string, at = T0): void {
  rules.addWaiting(
    circle,
    knockRecord({
      id: `waiting-${id}`,
      name: id,
      since: at,
      color: null,
      deviceHash: `device-${id}`,
    }),
  );
  rules.admitWaiting(circle, `waiting-${id}`, { id, resumeTokenHash: `HASH-${id}`, now: at });
  rules.attachConnection(circle, id, `conn-${id}`);
}

/** A circle with the facilitator and members `a`, `b`, `c`, `d` in seats 1–4. */
export function circleOfFive(): CircleRecord {
  const circle = newCircle();
  for (const id of ['a', 'b', 'c', 'd']) seat(circle, id);
  return circle;
}

export function disconnect(circle: CircleRecord, id: string): void {
  rules.detachConnection(circle, id, `conn-${id}`, T0);
}

/** The error code `fn` throws, or undefined when it returns. */
export function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof EngawaError) return error.code;
    throw error;
  }
  return undefined;
}

/** Asserts `fn` throws `code` and leaves the record exactly as it was. */
export function refuses(circle: CircleRecord, code: string, fn: () => unknown): void {
  const before = structuredClone(circle);
  expect(thrownCode(fn)).toBe(code);
  expect(circle).toEqual(before);
}
