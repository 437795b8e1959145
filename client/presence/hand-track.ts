/**
 * One remote hand between samples: how visible it is, and where it was last seen tracked.
 * A hand whose tracking is lost holds that last pose while its weight fades to 0, rather than
 * following whatever the sender still reports or vanishing at once; when tracking returns it
 * fades back in. A hand the sender stops sending at all is simply gone.
 */
import type { SampledHand } from './sampled-pose';
import { copyHand, createHand, type HandSlot } from './frame-queue';
import { applyDifference, blendPose, copyPose, createPose, poseDifference } from './quat-math';

export class HandTrack {
  /** The hand as it should be drawn now, before any correction blend; filled by the buffer. */
  readonly live: HandSlot = createHand();
  /** How far the drawn hand was from the live one when the current correction began. */
  private readonly correction = createPose();
  private corrected = false;
  private readonly held = createPose();
  private hasHeld = false;
  private weight = 0;
  private readonly out: SampledHand = { pose: createPose(), weight: 0 };

  /** Applies the hold and moves the weight by `dtMs` towards 1 (tracked) or 0 (lost). */
  update(dtMs: number, fadeMs: number): void {
    const live = this.live;
    if (!live.present) {
      this.weight = 0;
      this.hasHeld = false;
      return;
    }
    if (live.tracked) {
      copyPose(live.pose, this.held);
      this.hasHeld = true;
    } else if (this.hasHeld) {
      copyPose(this.held, live.pose);
    }
    const step = fadeMs > 0 ? dtMs / fadeMs : 1;
    this.weight = live.tracked ? Math.min(1, this.weight + step) : Math.max(0, this.weight - step);
  }

  /** Remembers how far the hand as drawn (undefined: none) is from the live one. */
  startBlend(drawn: SampledHand | undefined): void {
    this.corrected = drawn !== undefined && this.live.present;
    if (drawn) poseDifference(drawn.pose, this.live.pose, this.correction);
  }

  /**
   * The hand to draw, `blend` of the way from the remembered correction to the live hand
   * (1: live only), or undefined when there is none. Always the same object.
   */
  draw(blend: number): SampledHand | undefined {
    if (!this.live.present) return undefined;
    if (blend < 1 && this.corrected) {
      applyDifference(this.live.pose, this.correction, 1 - blend, this.out.pose);
    } else {
      copyPose(this.live.pose, this.out.pose);
    }
    this.out.weight = this.weight;
    return this.out;
  }

  /** Sets the live hand from a frame, or between two frames when both have it tracked. */
  sample(a: HandSlot, b: HandSlot | undefined, t: number): void {
    const live = this.live;
    if (b && t > 0 && a.present && a.tracked && b.present && b.tracked) {
      live.present = true;
      live.tracked = true;
      blendPose(a.pose, b.pose, t, live.pose);
    } else {
      // The hand appears, disappears or changes tracking when the next frame is reached.
      copyHand(a, live);
    }
  }
}
