import fc from 'fast-check';

import {
  angleBetween,
  applyDifference,
  createPose,
  poseDifference,
  slerpQuat,
  smoothstep,
} from '../../../../client/presence/quat-math';
import type { Quat } from '../../../../shared/pose/pose-codec';
import { unitQuat, vec3In } from '../../shared/pose/arbitraries';
import { yaw } from './stream';

const negate = (q: Quat): Quat => ({ x: -q.x, y: -q.y, z: -q.z, w: -q.w });
const unit = fc.double({ min: 0, max: 1, noNaN: true });

describe('quat-math', () => {
  it('smoothstep eases from 0 to 1 and clamps outside', () => {
    expect(smoothstep(-1)).toBe(0);
    expect(smoothstep(0)).toBe(0);
    expect(smoothstep(0.5)).toBe(0.5);
    expect(smoothstep(1)).toBe(1);
    expect(smoothstep(2)).toBe(1);
  });

  it('slerps along the shorter arc at a steady rate, whatever the signs', () => {
    fc.assert(
      fc.property(unitQuat, unitQuat, unit, fc.boolean(), (a, b, t, flip) => {
        const out = slerpQuat(a, flip ? negate(b) : b, t, { x: 0, y: 0, z: 0, w: 1 });
        const whole = angleBetween(a, b);
        expect(Math.hypot(out.x, out.y, out.z, out.w)).toBeCloseTo(1, 12);
        expect(whole).toBeLessThanOrEqual(Math.PI + 1e-9);
        expect(angleBetween(a, out)).toBeCloseTo(t * whole, 5);
        expect(angleBetween(out, b)).toBeCloseTo((1 - t) * whole, 5);
      }),
    );
  });

  it('measures small angles precisely', () => {
    expect(angleBetween(yaw(0), yaw(1e-7))).toBeCloseTo(1e-7, 15);
    expect(angleBetween(yaw(0.3), negate(yaw(0.3)))).toBe(0);
  });

  it('puts back none, part or all of a pose difference', () => {
    const pose = fc.record({ position: vec3In(3), rotation: unitQuat });
    fc.assert(
      fc.property(pose, pose, (from, base) => {
        const difference = poseDifference(from, base, createPose());
        const none = applyDifference(base, difference, 0, createPose());
        const all = applyDifference(base, difference, 1, createPose());
        expect(angleBetween(none.rotation, base.rotation)).toBeLessThan(1e-6);
        expect(angleBetween(all.rotation, from.rotation)).toBeLessThan(1e-6);
        for (const axis of ['x', 'y', 'z'] as const) {
          expect(none.position[axis]).toBeCloseTo(base.position[axis], 9);
          expect(all.position[axis]).toBeCloseTo(from.position[axis], 9);
        }
      }),
    );
  });
});
