/**
 * Decides when the local head and hands go out on the data channel: at most `rateHz` while they
 * move, and only a keep-alive (`keepAliveHz`) while nothing has moved more than a small threshold
 * since the last frame sent, which is most of the time for someone sitting in a circle.
 * The keep-alive tells receivers the person is still there (they call a sender stale after ~1 s).
 *
 * seq is the sender's clock in ticks (see pose-timing.ts), so receivers can place each frame in
 * time even though the rate changes.
 */
import { encodePose, type HandPose, type Pose, type PoseFrame } from '../../shared/pose/pose-codec';
import { toSeq } from '../../shared/pose/sequence';
import { POSE_SEQ_TICK_MS } from './pose-timing';
import { angleBetween, copyPose, createPose, distance } from './quat-math';

export interface PoseSenderOptions {
  /** Most frames a second while moving. */
  rateHz: number;
  /** Frames a second while still. */
  keepAliveHz: number;
  /** Movement of the head or a hand below both of these, since the last frame sent, is "still". */
  positionThresholdM: number;
  rotationThresholdRad: number;
  /** seq of the first frame (tests use it to cross the wrap). */
  initialSeq: number;
}

export const defaultPoseSender: PoseSenderOptions = {
  rateHz: 25,
  keepAliveHz: 2,
  positionThresholdM: 0.002,
  rotationThresholdRad: (0.5 * Math.PI) / 180,
  initialSeq: 0,
};

/** A frame as the scene knows it, before it has a seq. */
export type PoseInput = Omit<PoseFrame, 'seq'>;

interface SentHand {
  present: boolean;
  tracked: boolean;
  pose: Pose;
}

export class PoseSender {
  private readonly options: PoseSenderOptions;
  private epochMs: number | undefined;
  private lastTick = -1;
  private lastSentMs = -Infinity;
  private nextAllowedMs = -Infinity;
  private hasSent = false;
  private readonly sentHead = createPose();
  private readonly sentLeft: SentHand = { present: false, tracked: false, pose: createPose() };
  private readonly sentRight: SentHand = { present: false, tracked: false, pose: createPose() };
  private readonly scratch: PoseFrame = { seq: 0, head: createPose() };
  private frames = 0;
  private bytes = 0;
  private keepAlives = 0;

  constructor(options: Partial<PoseSenderOptions> = {}) {
    this.options = { ...defaultPoseSender, ...options };
  }

  /**
   * Call once a rendered frame with the local pose and the frame's time (ms, monotonic). Returns
   * the bytes to send now, or undefined when nothing needs sending. Never throws.
   */
  next(input: PoseInput, nowMs: number): Uint8Array | undefined {
    if (!Number.isFinite(nowMs) || nowMs < this.nextAllowedMs) return undefined;
    const moved = !this.hasSent || this.movedSinceSent(input);
    const keepAliveDue = nowMs - this.lastSentMs >= 1000 / this.options.keepAliveHz;
    if (!moved && !keepAliveDue) return undefined;

    // Due times advance by whole intervals, so a 72 or 90 Hz render loop still averages the full
    // rate instead of rounding each gap up to a whole number of its frames; a sender that fell
    // behind (or was still) starts a fresh schedule rather than sending a catch-up burst.
    const interval = 1000 / this.options.rateHz;
    const onSchedule = nowMs - this.nextAllowedMs < interval / 2;
    this.nextAllowedMs = (onSchedule ? this.nextAllowedMs : nowMs) + interval;

    this.epochMs ??= nowMs;
    let tick = Math.round((nowMs - this.epochMs) / POSE_SEQ_TICK_MS);
    // A clock that stalls or steps back must still never repeat or reverse seq.
    if (tick <= this.lastTick) tick = this.lastTick + 1;
    this.lastTick = tick;

    const frame = this.scratch;
    frame.seq = toSeq(this.options.initialSeq + tick);
    frame.head = input.head;
    frame.left = input.left;
    frame.right = input.right;
    const bytes = encodePose(frame);
    // Let go of the caller's objects until the next frame.
    frame.left = undefined;
    frame.right = undefined;
    this.remember(input);
    this.lastSentMs = nowMs;
    this.frames++;
    this.bytes += bytes.length;
    if (!moved) this.keepAlives++;
    return bytes;
  }

  /** Frames returned by `next` so far, keep-alives included. */
  get framesSent(): number {
    return this.frames;
  }

  get bytesSent(): number {
    return this.bytes;
  }

  /** Frames sent only because the keep-alive was due (nothing had moved). */
  get keepAlivesSent(): number {
    return this.keepAlives;
  }

  private movedSinceSent(input: PoseInput): boolean {
    return (
      this.poseMoved(this.sentHead, input.head) ||
      this.handChanged(this.sentLeft, input.left) ||
      this.handChanged(this.sentRight, input.right)
    );
  }

  private handChanged(sent: SentHand, hand: HandPose | undefined): boolean {
    if (!hand) return sent.present;
    // A hand appearing or losing tracking goes out at once, so receivers can start the fade.
    if (!sent.present || sent.tracked !== hand.tracked) return true;
    return this.poseMoved(sent.pose, hand);
  }

  private poseMoved(sent: Pose, pose: Pose): boolean {
    return (
      distance(sent.position, pose.position) > this.options.positionThresholdM ||
      angleBetween(sent.rotation, pose.rotation) > this.options.rotationThresholdRad
    );
  }

  private remember(input: PoseInput): void {
    this.hasSent = true;
    copyPose(input.head, this.sentHead);
    rememberHand(this.sentLeft, input.left);
    rememberHand(this.sentRight, input.right);
  }
}

function rememberHand(sent: SentHand, hand: HandPose | undefined): void {
  sent.present = hand !== undefined;
  if (!hand) return;
  sent.tracked = hand.tracked;
  copyPose(hand, sent.pose);
}
