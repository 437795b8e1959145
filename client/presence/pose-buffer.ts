/**
 * One remote member's poses, from an unordered and lossy 20–30 Hz stream to a smooth pose at
 * whatever rate the scene draws (72–90 Hz).
 *
 * Frames are placed on the sender's timeline by their seq (a clock in ticks, see
 * pose-timing.ts), kept in seq order, and drawn a playout delay late (see playout-clock.ts):
 * positions are lerped and rotations slerped between the two frames around the played moment.
 * Past the newest frame the newest is held, never extrapolated, so nothing overshoots. A frame
 * that comes out of order but still in time is slotted in; one whose moment has already been
 * drawn is dropped (showing it would mean jumping back), as are duplicates.
 *
 * When the next frame is late the newest is held; if it then comes soon, playback carries on
 * from where it stood and makes up the time by playing slightly faster.
 *
 * When nothing arrives for `staleAfterMs` the pose is reported stale and eases to the caller's
 * rest pose; when frames resume, or anything else would make the drawn pose jump (a long hold,
 * a restarted sender), the change is eased in over `resumeBlendMs` instead.
 */
import type { Pose, PoseFrame } from '../../shared/pose/pose-codec';
import { isNewer, toSeq } from '../../shared/pose/sequence';
import { defaultPlayout, PlayoutClock, type PlayoutOptions } from './playout-clock';
import { FrameQueue, SIDES, type FrameSlot, type Side } from './frame-queue';
import { HandTrack } from './hand-track';
import type { SampledPose } from './sampled-pose';
import { POSE_SEQ_TICK_MS, seqSteps } from './pose-timing';
import {
  applyDifference,
  blendPose,
  copyPose,
  createPose,
  poseDifference,
  smoothstep,
} from './quat-math';

export interface PoseBufferOptions extends PlayoutOptions {
  /** Most frames held at once (memory stays bounded whatever arrives). */
  capacity: number;
  /**
   * No new frame for longer than this and the pose is stale. A still sender sends a keep-alive
   * every 500 ms, so this is two of those plus jitter: one lost keep-alive is not staleness.
   */
  staleAfterMs: number;
  /** How long a stale pose takes to settle at rest. */
  restEaseMs: number;
  /** How long a jump (frames resuming, a restarted sender) is eased over. */
  resumeBlendMs: number;
  /** How long a hand takes to fade out when tracking is lost, or in when it returns. */
  handFadeMs: number;
  /**
   * A frame that ends a hold shorter than this is played on from where the pose stood, and the
   * time made up by playing slightly faster; after a longer hold, or a still sender's pause,
   * the pose eases to it instead.
   */
  rewindLimitMs: number;
}

export const defaultPoseBuffer: PoseBufferOptions = {
  ...defaultPlayout,
  capacity: 16,
  staleAfterMs: 1200,
  restEaseMs: 1500,
  resumeBlendMs: 150,
  handFadeMs: 250,
  rewindLimitMs: 250,
};

/** Where someone settles when their poses stop, e.g. seated facing the centre, hands on the lap. */
export interface RestPose {
  head: Pose;
  left: Pose;
  right: Pose;
}

export interface PoseBufferStats {
  accepted: number;
  /** Accepted after a newer frame (reordered by the network). */
  reordered: number;
  duplicates: number;
  /** Dropped for being older than the frame already being drawn from. */
  late: number;
  /** Dropped to keep within capacity. */
  evicted: number;
  /** Times the sender was taken to have started afresh (after a silence). */
  restarts: number;
}

/**
 * One per remote member. `sample` returns the same object every call, rewritten in place so a
 * 90 Hz loop allocates nothing: read it (or copy it) before the next call and do not modify it.
 */
export class PoseBuffer {
  private readonly options: PoseBufferOptions;
  private readonly clock: PlayoutClock;
  private readonly frames: FrameQueue;
  private consumedSeq: number | undefined;
  private lastAcceptedMs: number | undefined;
  private lastSampleMs: number | undefined;
  private rest: RestPose | undefined;
  private readonly out: SampledPose = {
    head: createPose(),
    left: undefined,
    right: undefined,
    stale: true,
  };
  private readonly liveHead = createPose();
  /** How far the drawn head was from the live one when the current correction began. */
  private readonly headCorrection = createPose();
  private readonly hands: Record<Side, HandTrack> = {
    left: new HandTrack(),
    right: new HandTrack(),
  };
  private hasOutput = false;
  private wasStale = false;
  private wasHolding = false;
  /** Send time of the frame on screen while it is held past its time. */
  private heldMs: number | undefined;
  private needsBlend = false;
  private blendStartMs: number | undefined;
  private readonly counts: PoseBufferStats = {
    accepted: 0,
    reordered: 0,
    duplicates: 0,
    late: 0,
    evicted: 0,
    restarts: 0,
  };

  constructor(options: Partial<PoseBufferOptions> = {}) {
    this.options = { ...defaultPoseBuffer, ...options };
    this.clock = new PlayoutClock(this.options);
    this.frames = new FrameQueue(this.options.capacity);
  }

  /** Whether any frame is held (none before the first arrives, or after `reset`). */
  get hasFrames(): boolean {
    return this.frames.length > 0;
  }

  get size(): number {
    return this.frames.length;
  }

  /** The delay the playback is steering towards, beyond the clocks' offset. */
  get playoutDelayMs(): number {
    return this.clock.targetDelayMs;
  }

  get stats(): Readonly<PoseBufferStats> {
    return this.counts;
  }

  /** Copied, so the caller may reuse its object; may be called every frame. */
  setRestPose(rest: RestPose): void {
    this.rest ??= { head: createPose(), left: createPose(), right: createPose() };
    copyPose(rest.head, this.rest.head);
    copyPose(rest.left, this.rest.left);
    copyPose(rest.right, this.rest.right);
  }

  /** Adds a decoded frame received at `receivedAtMs` (our clock); false if it was dropped. */
  push(frame: PoseFrame, receivedAtMs: number): boolean {
    const seq = toSeq(frame.seq);
    const newest = this.frames.newest;
    if (newest && this.isQuietAt(receivedAtMs) && !this.continuesFrom(seq, newest.seq)) {
      // After a silence a seq that is not ahead is a sender that started again (a reload), not
      // a straggler: a straggler would not turn up a second late.
      this.restart();
      this.counts.restarts++;
    }
    const last = this.frames.newest;
    const sentMs = last ? last.sentMs + seqSteps(seq, last.seq) * POSE_SEQ_TICK_MS : 0;
    const refusal = this.refusal(seq, sentMs, last);
    if (refusal) {
      this.counts[refusal]++;
      return false;
    }
    if (!last || sentMs > last.sentMs) this.endHold(sentMs);
    if (this.frames.insert(seq, sentMs, frame)) this.counts.reordered++;
    this.clock.observe(sentMs, receivedAtMs);
    this.lastAcceptedMs = Math.max(this.lastAcceptedMs ?? -Infinity, receivedAtMs);
    this.counts.accepted++;
    const evicted = this.frames.evictOverflow();
    if (evicted) {
      this.counts.evicted++;
      this.consumedSeq = evicted.seq;
      const played = this.clock.playedMs;
      // The frame being drawn from went: the drawn segment changes under us.
      if (played !== undefined && evicted.sentMs <= played) this.needsBlend = true;
    }
    return true;
  }

  /** The pose to draw at `nowMs` (our clock). See the class comment about the returned object. */
  sample(nowMs: number): SampledPose {
    const dt = this.lastSampleMs === undefined ? 0 : Math.max(0, nowMs - this.lastSampleMs);
    this.lastSampleMs = Math.max(this.lastSampleMs ?? -Infinity, nowMs);
    const out = this.out;
    if (this.frames.length === 0) {
      // Nothing to go on: keep what was drawn, or sit at rest.
      if (!this.hasOutput && this.rest) copyPose(this.rest.head, out.head);
      out.stale = true;
      return out;
    }

    if (!this.hasOutput && this.rest) {
      // The avatar sat at rest until now: glide from there rather than appear in a new place.
      copyPose(this.rest.head, out.head);
      out.left = undefined;
      out.right = undefined;
      this.hasOutput = true;
      this.needsBlend = true;
    }
    const jumped = this.clock.advance(nowMs);
    const holding = this.interpolate(this.clock.playedMs ?? -Infinity);
    this.heldMs = holding ? this.frames.at(0)?.sentMs : undefined;
    for (const side of SIDES) this.hands[side].update(dt, this.options.handFadeMs);

    const quietMs = nowMs - (this.lastAcceptedMs ?? nowMs) - this.options.staleAfterMs;
    const stale = quietMs > 0;
    if (stale && this.rest) this.easeToRest(smoothstep(quietMs / this.options.restEaseMs));

    const resumed = this.wasStale && !stale;
    const caughtUp = this.wasHolding && !holding;
    if (this.hasOutput && (jumped || resumed || caughtUp || this.needsBlend))
      this.startBlend(nowMs);
    this.needsBlend = false;
    this.wasStale = stale;
    this.wasHolding = holding;

    this.write(nowMs);
    out.stale = stale;
    this.hasOutput = true;
    return out;
  }

  /** Forgets every frame (e.g. when the member's connection is replaced); keeps the rest pose. */
  reset(): void {
    this.restart();
    this.lastAcceptedMs = undefined;
    this.wasStale = false;
    this.wasHolding = false;
  }

  private isQuietAt(receivedAtMs: number): boolean {
    const last = this.lastAcceptedMs;
    return last !== undefined && receivedAtMs - last > this.options.staleAfterMs;
  }

  private continuesFrom(seq: number, newestSeq: number): boolean {
    return (
      isNewer(seq, newestSeq) && (this.consumedSeq === undefined || isNewer(seq, this.consumedSeq))
    );
  }

  /** Why a frame is refused, or undefined to take it. */
  private refusal(
    seq: number,
    sentMs: number,
    last: FrameSlot | undefined,
  ): 'duplicates' | 'late' | undefined {
    if (seq === this.consumedSeq || this.frames.has(seq)) return 'duplicates';
    if (this.consumedSeq !== undefined && !isNewer(seq, this.consumedSeq)) return 'late';
    // A straggler whose moment has already been drawn could only be shown by jumping back.
    const played = this.clock.playedMs;
    if (last && sentMs < last.sentMs && played !== undefined && sentMs <= played) return 'late';
    return undefined;
  }

  /** A new newest frame ends any hold on the old one (see `rewindLimitMs`). */
  private endHold(sentMs: number): void {
    const held = this.heldMs;
    const played = this.clock.playedMs;
    if (held === undefined || played === undefined) return;
    this.heldMs = undefined;
    // Only between frames of a moving stream: after a still sender's keep-alive gap the pose
    // barely changes, and rewinding would leave the playback far behind when motion starts.
    const moving = sentMs - held <= this.options.pauseGapMs;
    if (moving && played - held <= this.options.rewindLimitMs) {
      this.clock.rewindTo(held);
      this.wasHolding = false;
    }
  }

  private restart(): void {
    this.frames.clear();
    this.consumedSeq = undefined;
    this.heldMs = undefined;
    this.clock.forgetSender();
    this.needsBlend = true;
  }

  /**
   * Fills the live head and hands for the played moment; returns whether it is past the newest
   * frame (holding it). Frames wholly behind the played moment are released, keeping the one
   * being drawn from.
   */
  private interpolate(played: number): boolean {
    this.frames.releaseBefore(played);
    const from = this.frames.at(0);
    if (!from) return false;
    // On screen now, if only held before playback reaches it: anything older would pull the
    // drawn pose backwards.
    this.consumedSeq = from.seq;
    const to = this.frames.at(1);
    const t = to && played > from.sentMs ? (played - from.sentMs) / (to.sentMs - from.sentMs) : 0;
    if (to && t > 0) blendPose(from.head, to.head, t, this.liveHead);
    else copyPose(from.head, this.liveHead);
    for (const side of SIDES) this.hands[side].sample(from[side], to?.[side], t);
    return !to && played > from.sentMs;
  }

  private easeToRest(u: number): void {
    const rest = this.rest;
    if (!rest || u <= 0) return;
    blendPose(this.liveHead, rest.head, u, this.liveHead);
    for (const side of SIDES) {
      const live = this.hands[side].live;
      if (live.present) blendPose(live.pose, rest[side], u, live.pose);
    }
  }

  /**
   * Starts easing from what is on screen to the live pose. It is the gap between them that fades
   * (not a blend from a frozen pose), so the pose keeps its own motion throughout and only the
   * correction is spread over `resumeBlendMs`.
   */
  private startBlend(nowMs: number): void {
    poseDifference(this.out.head, this.liveHead, this.headCorrection);
    for (const side of SIDES) this.hands[side].startBlend(this.out[side]);
    this.blendStartMs = nowMs;
  }

  private write(nowMs: number): void {
    const out = this.out;
    let c = 1;
    if (this.blendStartMs !== undefined && this.options.resumeBlendMs > 0) {
      c = smoothstep((nowMs - this.blendStartMs) / this.options.resumeBlendMs);
      if (c >= 1) this.blendStartMs = undefined;
    } else this.blendStartMs = undefined;
    if (c < 1) applyDifference(this.liveHead, this.headCorrection, 1 - c, out.head);
    else copyPose(this.liveHead, out.head);
    out.left = this.hands.left.draw(c);
    out.right = this.hands.right.draw(c);
  }
}
