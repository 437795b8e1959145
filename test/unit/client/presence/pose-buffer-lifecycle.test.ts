/** Staleness and rest, hands, and staying bounded whatever arrives. */
import fc from 'fast-check';

import {
  defaultPoseBuffer,
  PoseBuffer,
  type RestPose,
} from '../../../../client/presence/pose-buffer';
import { SEQ_MODULUS } from '../../../../shared/pose/sequence';
import {
  after,
  angle,
  CURVED_STEP_BOUND,
  curvedPath,
  deliver,
  dist,
  FIXED_DELAY,
  frame,
  FRAME_90HZ_MS,
  hand,
  linearPath,
  maxStep,
  play,
  pose,
  stream,
  yaw,
  type Drawn,
} from './stream';

const STALE_MS = defaultPoseBuffer.staleAfterMs;
const REST_EASE_MS = defaultPoseBuffer.restEaseMs;

describe('PoseBuffer staleness', () => {
  const rest: RestPose = {
    head: pose(0, 1.1, -1, yaw(Math.PI)),
    left: pose(-0.2, 0.6, -0.8),
    right: pose(0.2, 0.6, -0.8),
  };

  it('freezes, then settles at the rest pose, then glides back when frames resume', () => {
    const path = linearPath(0.4);
    const first = stream(path, { count: 20 });
    // The sender goes quiet for 4 s, then carries on from elsewhere (its clock kept running).
    const second = stream(curvedPath, { count: 30, startMs: 5000, startSeq: 500 });
    const buffer = new PoseBuffer();
    buffer.setRestPose(rest);
    const drawn = play(
      buffer,
      deliver([...first, ...second], () => 30),
      0,
      6600,
    );
    const lastArrival = 19 * 50 + 30;

    const live = drawn.filter((d) => d.at <= lastArrival + STALE_MS);
    expect(live.every((d) => !d.stale)).toBe(true);
    // Held still once the newest frame has been reached.
    const held = live.filter((d) => d.at > lastArrival + 300);
    expect(held.every((d) => dist(d.head.position, path(19 * 50).position) < 1e-9)).toBe(true);

    const settling = drawn.filter((d) => d.at > lastArrival + STALE_MS && d.at < 5030);
    expect(settling.every((d) => d.stale)).toBe(true);
    for (let i = 1; i < settling.length; i++) {
      const a = settling[i - 1];
      const b = settling[i];
      if (a && b)
        expect(dist(b.head.position, rest.head.position)).toBeLessThanOrEqual(
          dist(a.head.position, rest.head.position) + 1e-12,
        );
    }
    // Eased over 1.5 s: smoothstep's slope is at most 1.5, so each frame moves at most this much.
    const gap = dist(path(19 * 50).position, rest.head.position);
    expect(maxStep(settling)).toBeLessThan((1.5 * gap * FRAME_90HZ_MS) / REST_EASE_MS + 1e-9);
    const settled = settling.filter((d) => d.at > lastArrival + STALE_MS + REST_EASE_MS);
    expect(settled.length).toBeGreaterThan(0);
    for (const d of settled) {
      expect(dist(d.head.position, rest.head.position)).toBeLessThan(1e-9);
      expect(angle(d.head.rotation, rest.head.rotation)).toBeLessThan(1e-6);
    }

    const resumed = drawn.filter((d) => d.at >= 5030);
    expect(resumed.every((d) => !d.stale)).toBe(true);
    // From rest to the live pose over ~150 ms: no single frame may cover much of the way.
    const way = dist(rest.head.position, curvedPath(5000).position);
    const previous = settled.at(-1);
    expect(previous).toBeDefined();
    if (previous) {
      const firstBack = resumed[0];
      expect(firstBack && dist(firstBack.head.position, previous.head.position)).toBeLessThan(
        0.12 * way + CURVED_STEP_BOUND,
      );
    }
    expect(maxStep(resumed)).toBeLessThan(0.12 * way + CURVED_STEP_BOUND);
    // And after the blend it follows the stream again, without jumps.
    expect(maxStep(after(resumed, 5300))).toBeLessThan(CURVED_STEP_BOUND);
  });

  it('reports stale with no rest pose, holding the last pose', () => {
    const buffer = new PoseBuffer(FIXED_DELAY);
    buffer.push(frame(0, 0.3), 1000);
    expect(buffer.sample(1500).stale).toBe(false);
    const s = buffer.sample(2500);
    expect(s.stale).toBe(true);
    expect(s.head.position.x).toBe(0.3);
  });

  it('takes a sender that restarted its seq after a silence as a fresh start, gliding to it', () => {
    const buffer = new PoseBuffer();
    const before = stream(linearPath(0.4), { count: 20, startSeq: 30_000 });
    // A reload: seq starts again at 0 and the sender's clock at its own zero.
    const again = stream(curvedPath, { count: 30, startSeq: 0 }).map((s) => ({
      ...s,
      sentMs: s.sentMs + 3000,
    }));
    const drawn = play(
      buffer,
      deliver([...before, ...again], () => 30),
      0,
      4800,
    );
    expect(buffer.stats.restarts).toBe(1);
    expect(buffer.stats.accepted).toBe(50);
    const back = drawn.filter((d) => d.at >= 3030);
    expect(back.every((d) => !d.stale)).toBe(true);
    const way = dist(linearPath(0.4)(19 * 50).position, curvedPath(0).position);
    expect(maxStep(back)).toBeLessThan(0.12 * way + CURVED_STEP_BOUND);
    expect(maxStep(after(back, 3400))).toBeLessThan(CURVED_STEP_BOUND);
  });
});

describe('PoseBuffer hands', () => {
  it('draws no hand while the sender has none', () => {
    const buffer = new PoseBuffer(FIXED_DELAY);
    buffer.push(frame(0, 0), 1000);
    buffer.push(frame(5, 0, { right: hand(0.3, true) }), 1050);
    const s = buffer.sample(1125);
    expect(s.left).toBeUndefined();
    // The right hand appears when its frame is reached, not before.
    expect(s.right).toBeUndefined();
    expect(buffer.sample(1151).right).toBeDefined();
  });

  it('fades a hand in, holds and fades it when tracking is lost, and back when it returns', () => {
    const handFadeMs = 250;
    const sent = stream(linearPath(0.4), {
      count: 60,
      hands: (i) => {
        // Tracked for frames 0–19, lost for 20–39 (the pose sent keeps wandering), back after.
        const lost = i >= 20 && i < 40;
        return { left: hand(lost ? 5 + i : 0.01 * i, !lost) };
      },
    });
    const buffer = new PoseBuffer({ ...FIXED_DELAY, handFadeMs });
    const drawn = play(
      buffer,
      deliver(sent, () => 30),
      0,
      3300,
    );
    const weights = drawn.map((d) => d.left?.weight ?? NaN);
    expect(weights.every((w) => w >= 0 && w <= 1)).toBe(true);
    // Sender time t is drawn at t + 30 + 100.
    const at = (sentMs: number): Drawn[] => drawn.filter((d) => d.at >= sentMs + 130);
    // Fades in from the first draw.
    const start = drawn[0]?.at ?? 0;
    expect(drawn[0]?.left?.weight).toBe(0);
    expect(drawn.find((d) => d.at >= start + handFadeMs + FRAME_90HZ_MS)?.left?.weight).toBe(1);
    const lost = drawn.filter((d) => d.at >= 20 * 50 + 130 && d.at < 40 * 50 + 130);
    for (const d of lost) expect(d.left?.pose.position.x).toBeCloseTo(0.19, 9);
    for (let i = 1; i < lost.length; i++) {
      expect(lost[i]?.left?.weight).toBeLessThanOrEqual(lost[i - 1]?.left?.weight ?? 0);
    }
    expect(
      lost.filter((d) => d.at >= 20 * 50 + 130 + handFadeMs).every((d) => d.left?.weight === 0),
    ).toBe(true);
    expect(at(40 * 50 + handFadeMs)[1]?.left?.weight).toBe(1);
  });

  it('drops a hand the sender stops sending, and eases hands to rest when stale', () => {
    const buffer = new PoseBuffer(FIXED_DELAY);
    buffer.setRestPose({
      head: pose(0, 1, -1),
      left: pose(-0.2, 0.6, -0.8),
      right: pose(0.2, 0.6, -0.8),
    });
    buffer.push(frame(0, 0, { left: hand(0.1, true), right: hand(0.2, true) }), 1000);
    buffer.push(frame(5, 0, { right: hand(0.2, true) }), 1050);
    expect(buffer.sample(1140).left).toBeDefined();
    expect(buffer.sample(1151).left).toBeUndefined();
    const settled = buffer.sample(1050 + STALE_MS + REST_EASE_MS + 1);
    expect(settled.stale).toBe(true);
    expect(
      settled.right && dist(settled.right.pose.position, { x: 0.2, y: 0.6, z: -0.8 }),
    ).toBeLessThan(1e-9);
  });
});

describe('PoseBuffer bounds and bad input', () => {
  it('never holds more than its capacity', () => {
    const buffer = new PoseBuffer({ capacity: 16 });
    for (let i = 0; i < 1000; i++) buffer.push(frame(i * 4, i), 1000);
    expect(buffer.size).toBe(16);
    expect(buffer.stats.evicted).toBe(1000 - 16);
  });

  it('stays finite, unit and bounded whatever arrives and whenever it is drawn', () => {
    const event = fc.oneof(
      fc.record({
        kind: fc.constant('push' as const),
        seq: fc.integer({ min: 0, max: SEQ_MODULUS - 1 }),
        x: fc.double({ min: -8, max: 8, noNaN: true }),
        dt: fc.double({ min: 0, max: 2000, noNaN: true }),
        tracked: fc.boolean(),
        hand: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant('sample' as const),
        dt: fc.double({ min: 0, max: 2000, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 200 }), fc.boolean(), (events, withRest) => {
        const buffer = new PoseBuffer({ capacity: 8 });
        if (withRest)
          buffer.setRestPose({
            head: pose(0, 1, 0),
            left: pose(0, 0.5, 0),
            right: pose(0, 0.5, 0),
          });
        let now = 0;
        for (const e of events) {
          now += e.dt;
          if (e.kind === 'push') {
            buffer.push(frame(e.seq, e.x, e.hand ? { left: hand(e.x, e.tracked) } : {}), now);
          } else if (buffer.hasFrames) {
            const s = buffer.sample(now);
            const q = s.head.rotation;
            expect(
              [s.head.position.x, s.head.position.y, s.head.position.z].every(Number.isFinite),
            ).toBe(true);
            expect(Math.hypot(q.x, q.y, q.z, q.w)).toBeCloseTo(1, 9);
            expect(Math.abs(s.head.position.x)).toBeLessThanOrEqual(8);
            if (s.left) expect(s.left.weight >= 0 && s.left.weight <= 1).toBe(true);
          }
          expect(buffer.size).toBeLessThanOrEqual(8);
        }
      }),
    );
  });

  it('reuses the object it returns', () => {
    const buffer = new PoseBuffer();
    buffer.push(frame(0, 0), 0);
    expect(buffer.sample(10)).toBe(buffer.sample(20));
  });
});
