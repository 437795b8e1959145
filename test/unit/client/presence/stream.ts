/** Simulated pose streams: what a sender sent, when each frame reached us, and what was drawn. */
import type { PoseBuffer } from '../../../../client/presence/pose-buffer';
import { POSE_SEQ_TICK_MS } from '../../../../client/presence/pose-timing';
import type { HandPose, Pose, PoseFrame, Quat, Vec3 } from '../../../../shared/pose/pose-codec';
import { toSeq } from '../../../../shared/pose/sequence';

export const FRAME_90HZ_MS = 1000 / 90;

export interface Sent {
  frame: PoseFrame;
  /** On the sender's clock. */
  sentMs: number;
}

export interface Delivery {
  frame: PoseFrame;
  /** On the receiver's clock. */
  at: number;
}

export interface Drawn {
  at: number;
  head: Pose;
  left: { pose: Pose; weight: number } | undefined;
  right: { pose: Pose; weight: number } | undefined;
  stale: boolean;
}

export function yaw(angle: number): Quat {
  return { x: 0, y: Math.sin(angle / 2), z: 0, w: Math.cos(angle / 2) };
}

export function pose(x: number, y: number, z: number, rotation: Quat = yaw(0)): Pose {
  return { position: { x, y, z }, rotation };
}

/** A head that drifts along +x at `speed` m/s and turns slowly: every coordinate only grows. */
export function linearPath(speed = 0.4): (tMs: number) => Pose {
  return (t) => pose(-0.5 + (speed * t) / 1000, 1.2, 0.3, yaw((0.5 * t) / 1000));
}

/** A head circling and nodding: curved, so dropping or misplacing a frame shows. */
export function curvedPath(tMs: number): Pose {
  const a = (2 * Math.PI * tMs) / 1000;
  return pose(
    0.2 * Math.sin(a),
    1.2 + 0.03 * Math.sin(a * 1.7),
    0.2 * Math.cos(a),
    yaw(0.8 * Math.sin(a * 0.6)),
  );
}

/** Fastest the curved path moves (m/s) and turns (rad/s), for bounds on per-frame steps. */
export const CURVED_SPEED = 2 * Math.PI * 0.2 + 2 * Math.PI * 1.7 * 0.03;
export const CURVED_TURN = 2 * Math.PI * 0.6 * 0.8;

/** A frame with the head at (x, 1.2, 0). */
export function frame(seq: number, x: number, extra: Partial<PoseFrame> = {}): PoseFrame {
  return { seq, head: pose(x, 1.2, 0), ...extra };
}

export function hand(x: number, tracked: boolean): HandPose {
  return { ...pose(x, 1, 0.3), tracked };
}

/** The draws at or after `ms`. */
export function after(drawn: readonly Drawn[], ms: number): Drawn[] {
  return drawn.filter((d) => d.at >= ms);
}

/** How far the curved head can move and turn in one 90 Hz frame, with room for catch-up. */
export const CURVED_STEP_BOUND = 1.25 * CURVED_SPEED * (FRAME_90HZ_MS / 1000);
export const CURVED_TURN_BOUND = 1.25 * CURVED_TURN * (FRAME_90HZ_MS / 1000);

/** A playout delay pinned at 100 ms, so tests can say exactly which moment is drawn. */
export const FIXED_DELAY = { minDelayMs: 100, maxDelayMs: 100 };

export interface StreamOptions {
  count: number;
  intervalMs?: number;
  startSeq?: number;
  startMs?: number;
  hands?: (i: number, head: Pose) => { left?: HandPose; right?: HandPose };
}

/** Frames every `intervalMs` of sender time, seq counting ticks as a PoseSender does. */
export function stream(path: (tMs: number) => Pose, options: StreamOptions): Sent[] {
  const { count, intervalMs = 50, startSeq = 0, startMs = 0, hands } = options;
  const sent: Sent[] = [];
  for (let i = 0; i < count; i++) {
    const sentMs = startMs + i * intervalMs;
    const head = path(sentMs);
    const seq = toSeq(startSeq + Math.round((sentMs - startMs) / POSE_SEQ_TICK_MS));
    sent.push({ frame: { seq, head, ...hands?.(i, head) }, sentMs });
  }
  return sent;
}

/** Delivers each frame `delayOf(i)` ms after it was sent (`undefined` drops it), in arrival order. */
export function deliver(sent: Sent[], delayOf: (i: number) => number | undefined): Delivery[] {
  const out: Delivery[] = [];
  sent.forEach((s, i) => {
    const delay = delayOf(i);
    if (delay !== undefined) out.push({ frame: s.frame, at: s.sentMs + delay });
  });
  // Stable, so frames arriving together keep the order given.
  return out.sort((a, b) => a.at - b.at);
}

function clonePose(p: Pose): Pose {
  return { position: { ...p.position }, rotation: { ...p.rotation } };
}

/**
 * Draws at `stepMs` from `fromMs` to `toMs`, handing the buffer every delivery due before each
 * draw, in the order listed.
 */
export function play(
  buffer: PoseBuffer,
  deliveries: readonly Delivery[],
  fromMs: number,
  toMs: number,
  stepMs = FRAME_90HZ_MS,
): Drawn[] {
  const drawn: Drawn[] = [];
  let next = 0;
  for (let k = 0; fromMs + k * stepMs <= toMs; k++) {
    const now = fromMs + k * stepMs;
    while (next < deliveries.length && (deliveries[next]?.at ?? Infinity) <= now) {
      const d = deliveries[next++];
      if (d) buffer.push(d.frame, d.at);
    }
    if (!buffer.hasFrames) continue;
    const s = buffer.sample(now);
    drawn.push({
      at: now,
      head: clonePose(s.head),
      left: s.left && { pose: clonePose(s.left.pose), weight: s.left.weight },
      right: s.right && { pose: clonePose(s.right.pose), weight: s.right.weight },
      stale: s.stale,
    });
  }
  return drawn;
}

export function dist(a: Vec3, b: Vec3): number {
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

/** Largest move of the head between consecutive draws. */
export function maxStep(drawn: readonly Drawn[]): number {
  let max = 0;
  for (let i = 1; i < drawn.length; i++) {
    const a = drawn[i - 1];
    const b = drawn[i];
    if (a && b) max = Math.max(max, dist(a.head.position, b.head.position));
  }
  return max;
}

/** Largest turn of the head between consecutive draws, in radians. */
export function maxTurn(drawn: readonly Drawn[]): number {
  let max = 0;
  for (let i = 1; i < drawn.length; i++) {
    const a = drawn[i - 1];
    const b = drawn[i];
    if (a && b) max = Math.max(max, angle(a.head.rotation, b.head.rotation));
  }
  return max;
}

/** The turn between two unit rotations in radians, accurate near zero (acos of a dot is not). */
export function angle(a: Quat, b: Quat): number {
  const s = a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w < 0 ? -1 : 1;
  const diff = Math.hypot(a.x - s * b.x, a.y - s * b.y, a.z - s * b.z, a.w - s * b.w);
  const sum = Math.hypot(a.x + s * b.x, a.y + s * b.y, a.z + s * b.z, a.w + s * b.w);
  return 4 * Math.atan2(diff, sum);
}

/** Whether every drawn head position lies within the box the sent positions span. */
export function withinSentRange(drawn: readonly Drawn[], sent: readonly Sent[]): boolean {
  const eps = 1e-9;
  for (const axis of ['x', 'y', 'z'] as const) {
    const values = sent.map((s) => s.frame.head.position[axis]);
    const lo = Math.min(...values) - eps;
    const hi = Math.max(...values) + eps;
    if (drawn.some((d) => d.head.position[axis] < lo || d.head.position[axis] > hi)) return false;
  }
  return true;
}

/** Largest difference between two runs' head positions, draw by draw. */
export function maxDifference(a: readonly Drawn[], b: readonly Drawn[]): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  a.forEach((d, i) => {
    const e = b[i];
    if (e) {
      max = Math.max(max, dist(d.head.position, e.head.position));
      max = Math.max(max, angle(d.head.rotation, e.head.rotation));
    }
  });
  return max;
}
