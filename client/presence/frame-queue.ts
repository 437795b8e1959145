/**
 * The frames a `PoseBuffer` holds, in send-time order, in a fixed pool of slots: received poses
 * are copied in (the caller may reuse its objects) and slots are recycled, so a long session
 * allocates nothing per frame and never holds more than `capacity` frames.
 */
import type { Pose, PoseFrame } from '../../shared/pose/pose-codec';
import { copyPose, createPose } from './quat-math';

export interface HandSlot {
  present: boolean;
  tracked: boolean;
  pose: Pose;
}

export interface FrameSlot {
  seq: number;
  /** Send time on the sender's clock, unwrapped from seq. */
  sentMs: number;
  head: Pose;
  left: HandSlot;
  right: HandSlot;
}

export const SIDES = ['left', 'right'] as const;
export type Side = (typeof SIDES)[number];

export function createHand(): HandSlot {
  return { present: false, tracked: false, pose: createPose() };
}

export function copyHand(from: HandSlot, out: HandSlot): void {
  out.present = from.present;
  out.tracked = from.tracked;
  if (from.present) copyPose(from.pose, out.pose);
}

export class FrameQueue {
  private readonly frames: FrameSlot[] = [];
  private readonly spare: FrameSlot[] = [];

  constructor(private readonly capacity: number) {}

  get length(): number {
    return this.frames.length;
  }

  at(index: number): FrameSlot | undefined {
    return this.frames[index];
  }

  get newest(): FrameSlot | undefined {
    return this.frames.at(-1);
  }

  has(seq: number): boolean {
    for (const frame of this.frames) if (frame.seq === seq) return true;
    return false;
  }

  /** Copies the frame in at its place by `sentMs`; returns whether it went in behind a newer one. */
  insert(seq: number, sentMs: number, frame: PoseFrame): boolean {
    const slot = this.spare.pop() ?? createSlot();
    slot.seq = seq;
    slot.sentMs = sentMs;
    copyPose(frame.head, slot.head);
    fillHand(slot.left, frame.left);
    fillHand(slot.right, frame.right);
    let index = this.frames.length;
    while (index > 0 && (this.frames[index - 1]?.sentMs ?? -Infinity) > sentMs) index--;
    this.frames.splice(index, 0, slot);
    return index < this.frames.length - 1;
  }

  /** Drops the oldest frames beyond capacity; returns the newest dropped, if any. */
  evictOverflow(): { seq: number; sentMs: number } | undefined {
    let dropped: FrameSlot | undefined;
    while (this.frames.length > Math.max(1, this.capacity)) {
      dropped = this.frames.shift();
      if (dropped) this.spare.push(dropped);
    }
    return dropped;
  }

  /** Releases frames wholly behind `played`, keeping the one it is drawn from (and one at least). */
  releaseBefore(played: number): void {
    while (this.frames.length >= 2 && (this.frames[1]?.sentMs ?? Infinity) <= played) {
      const done = this.frames.shift();
      if (done) this.spare.push(done);
    }
  }

  clear(): void {
    for (const slot of this.frames) this.spare.push(slot);
    this.frames.length = 0;
  }
}

function createSlot(): FrameSlot {
  return { seq: 0, sentMs: 0, head: createPose(), left: createHand(), right: createHand() };
}

function fillHand(slot: HandSlot, hand: (Pose & { tracked: boolean }) | undefined): void {
  slot.present = hand !== undefined;
  slot.tracked = hand?.tracked ?? false;
  if (hand) copyPose(hand, slot.pose);
}
