/** Plain 3-vectors, so this stays testable without Babylon. */
export interface V3 {
  x: number;
  y: number;
  z: number;
}

const sub = (a: V3, b: V3): V3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
const cross = (a: V3, b: V3): V3 => ({
  x: a.y * b.z - a.z * b.y,
  y: a.z * b.x - a.x * b.z,
  z: a.x * b.y - a.y * b.x,
});
const unit = (v: V3): V3 => {
  const length = Math.hypot(v.x, v.y, v.z) || 1;
  return { x: v.x / length, y: v.y / length, z: v.z / length };
};

/**
 * How squarely the left palm faces the eyes, from -1 (back of the hand) to 1, in Babylon's
 * left-handed world. The palm's normal comes from three joints rather than a joint's axes, so it
 * does not depend on how a runtime orients them: for a left hand held up palm-in, the index
 * knuckle is on the viewer's right of the little-finger knuckle.
 */
export function leftPalmTowardEyes(
  wrist: V3,
  indexKnuckle: V3,
  littleKnuckle: V3,
  eyes: V3,
): number {
  const palm = unit(cross(sub(littleKnuckle, wrist), sub(indexKnuckle, wrist)));
  const toEyes = unit(sub(eyes, wrist));
  return palm.x * toEyes.x + palm.y * toEyes.y + palm.z * toEyes.z;
}

/** Opens above this, closes below the lower mark: no flicker at the edge. */
export const PALM_OPEN = 0.7;
export const PALM_CLOSE = 0.35;

/** The menu's palm trigger with hysteresis: true while a palm-opened menu should show. */
export class PalmTrigger {
  private open = false;

  update(facing: number | undefined): boolean {
    if (facing === undefined) this.open = false;
    else if (!this.open && facing > PALM_OPEN) this.open = true;
    else if (this.open && facing < PALM_CLOSE) this.open = false;
    return this.open;
  }
}
