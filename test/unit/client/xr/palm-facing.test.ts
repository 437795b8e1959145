import { leftPalmTowardEyes, PalmTrigger } from '../../../../client/xr/palm-facing';

// Babylon's world: x right, y up, z away from the viewer, whose eyes are at the origin.
const eyes = { x: 0, y: 0, z: 0 };
const wrist = { x: -0.1, y: -0.3, z: 0.35 };

describe('leftPalmTowardEyes', () => {
  it('is near 1 for a left hand held up with the palm toward the eyes', () => {
    // Palm in, fingers up: the index knuckle is on the viewer's right of the little finger's.
    const index = { x: -0.08, y: -0.22, z: 0.35 };
    const little = { x: -0.15, y: -0.23, z: 0.35 };
    expect(leftPalmTowardEyes(wrist, index, little, eyes)).toBeGreaterThan(0.7);
  });

  it('is negative when the back of the same hand faces the eyes', () => {
    const index = { x: -0.15, y: -0.22, z: 0.35 };
    const little = { x: -0.08, y: -0.23, z: 0.35 };
    expect(leftPalmTowardEyes(wrist, index, little, eyes)).toBeLessThan(-0.7);
  });
});

describe('PalmTrigger', () => {
  it('opens above the upper mark, stays open through the band, closes below the lower one', () => {
    const trigger = new PalmTrigger();
    expect([0.5, 0.8, 0.5, 0.4, 0.3, 0.6].map((f) => trigger.update(f))).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('closes when the hand is no longer tracked', () => {
    const trigger = new PalmTrigger();
    trigger.update(0.9);
    expect(trigger.update(undefined)).toBe(false);
  });
});
