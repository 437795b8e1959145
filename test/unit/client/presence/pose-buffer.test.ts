import fc from 'fast-check';

import { defaultPoseBuffer, PoseBuffer } from '../../../../client/presence/pose-buffer';
import type { PoseFrame } from '../../../../shared/pose/pose-codec';
import { SEQ_MODULUS } from '../../../../shared/pose/sequence';
import {
  angle,
  CURVED_SPEED,
  CURVED_STEP_BOUND,
  CURVED_TURN,
  CURVED_TURN_BOUND,
  curvedPath,
  deliver,
  FIXED_DELAY,
  frame,
  FRAME_90HZ_MS,
  linearPath,
  maxDifference,
  maxStep,
  maxTurn,
  play,
  pose,
  stream,
  withinSentRange,
  yaw,
} from './stream';

const STALE_MS = defaultPoseBuffer.staleAfterMs;

describe('PoseBuffer interpolation', () => {
  it('draws the midpoint between two frames half way between their send times', () => {
    const buffer = new PoseBuffer(FIXED_DELAY);
    // seq 0 and seq 5: 50 ms apart on the sender's clock, each 1000 ms after sending.
    buffer.push(frame(0, 0, { head: pose(0, 1, 2, yaw(0)) }), 1000);
    buffer.push(frame(5, 1, { head: pose(1, 2, 4, yaw(Math.PI / 2)) }), 1050);
    // Drawn 100 ms late: 1125 shows sender time 25, the middle.
    const s = buffer.sample(1125);
    expect(s.head.position.x).toBeCloseTo(0.5, 9);
    expect(s.head.position.y).toBeCloseTo(1.5, 9);
    expect(s.head.position.z).toBeCloseTo(3, 9);
    expect(angle(s.head.rotation, yaw(Math.PI / 4))).toBeLessThan(1e-7);
    expect(s.stale).toBe(false);
  });

  it('turns the short way whichever sign the quaternions come with', () => {
    const near = yaw(Math.PI / 2);
    const flipped = { x: -near.x, y: -near.y, z: -near.z, w: -near.w };
    for (const [a, b, expected] of [
      [yaw(0), flipped, yaw(Math.PI / 4)],
      // 170° to -170° is a 20° turn through 180°, not 340° back through 0°.
      [yaw((170 * Math.PI) / 180), yaw((-170 * Math.PI) / 180), yaw(Math.PI)],
    ] as const) {
      const buffer = new PoseBuffer(FIXED_DELAY);
      buffer.push(frame(0, 0, { head: pose(0, 0, 0, a) }), 1000);
      buffer.push(frame(5, 0, { head: pose(0, 0, 0, b) }), 1050);
      const s = buffer.sample(1125);
      expect(angle(s.head.rotation, expected)).toBeLessThan(1e-7);
      expect(
        Math.hypot(s.head.rotation.x, s.head.rotation.y, s.head.rotation.z, s.head.rotation.w),
      ).toBeCloseTo(1, 12);
    }
  });

  it('holds the newest frame past its time instead of extrapolating', () => {
    const buffer = new PoseBuffer(FIXED_DELAY);
    buffer.push(frame(0, 0), 1000);
    buffer.push(frame(5, 1), 1050);
    for (let now = 1150; now < 1800; now += FRAME_90HZ_MS) {
      expect(buffer.sample(now).head.position.x).toBeLessThanOrEqual(1);
    }
    expect(buffer.sample(1800).head.position.x).toBe(1);
  });

  it('sets the playout delay to about twice the mean arrival gap, within its limits', () => {
    for (const [intervalMs, expected] of [
      [50, 100],
      [30, 60],
      [20, 60],
      [90, 180],
      [110, 200],
    ] as const) {
      const buffer = new PoseBuffer();
      const sent = stream(linearPath(), { count: 120, intervalMs });
      for (const d of deliver(sent, () => 30)) buffer.push(d.frame, d.at);
      expect(buffer.playoutDelayMs).toBeCloseTo(expected, 0);
    }
  });
});

describe('PoseBuffer smoothness', () => {
  it('draws a 20 Hz stream at 90 Hz without jumps or overshoot, whatever the jitter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 40, noNaN: true }), { minLength: 80, maxLength: 80 }),
        (jitter) => {
          const sent = stream(curvedPath, { count: 80 });
          const drawn = play(
            new PoseBuffer(),
            deliver(sent, (i) => 30 + (jitter[i] ?? 0)),
            0,
            4200,
          );
          expect(withinSentRange(drawn, sent)).toBe(true);
          expect(maxStep(drawn)).toBeLessThan(CURVED_STEP_BOUND);
          expect(maxTurn(drawn)).toBeLessThan(CURVED_TURN_BOUND);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('stays bounded and inside the sent range under heavy jitter that reorders frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 120, noNaN: true }), { minLength: 80, maxLength: 80 }),
        (jitter) => {
          const sent = stream(curvedPath, { count: 80 });
          const buffer = new PoseBuffer();
          const drawn = play(
            buffer,
            deliver(sent, (i) => 30 + (jitter[i] ?? 0)),
            0,
            4300,
          );
          expect(withinSentRange(drawn, sent)).toBe(true);
          // Late frames cost a brief hold, then play on a little faster: never a pop.
          expect(maxStep(drawn)).toBeLessThan(1.5 * CURVED_SPEED * (FRAME_90HZ_MS / 1000));
          expect(maxTurn(drawn)).toBeLessThan(1.5 * CURVED_TURN * (FRAME_90HZ_MS / 1000));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('PoseBuffer reordering', () => {
  it('draws the same whatever order a burst of frames is handed over in', () => {
    const sent = stream(curvedPath, { count: 60 });
    // Frames arrive in bursts of 1–3 (the last one's arrival time), each burst in any order.
    const bursts = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 60, maxLength: 60 });
    fc.assert(
      fc.property(bursts, fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), (sizes, keys) => {
        const inOrder: { frame: PoseFrame; at: number }[] = [];
        const shuffled: { frame: PoseFrame; at: number }[] = [];
        for (let i = 0, b = 0; i < sent.length; b++) {
          const group = sent.slice(i, i + (sizes[b] ?? 1));
          i += group.length;
          const at = (group.at(-1)?.sentMs ?? 0) + 30 + ((keys[b] ?? 0) % 15);
          const pairs = group.map((s) => ({ frame: s.frame, at }));
          inOrder.push(...pairs);
          const keyed = pairs.map((p, j) => ({ p, key: keys[(i - group.length + j) % 60] ?? 0 }));
          shuffled.push(...keyed.sort((x, y) => x.key - y.key).map((k) => k.p));
        }
        const options = { minDelayMs: 200, maxDelayMs: 200 };
        const a = play(new PoseBuffer(options), inOrder, 0, 3300);
        const b = play(new PoseBuffer(options), shuffled, 0, 3300);
        expect(maxDifference(a, b)).toBeLessThan(1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('slots in frames the network delayed past later ones, as if they had come in order', () => {
    const sent = stream(curvedPath, { count: 60 });
    // A fixed delay and no offset creep leave arrival order as the only difference.
    const options = { minDelayMs: 150, maxDelayMs: 150, offsetCreep: 0 };
    const baseline = play(
      new PoseBuffer(options),
      deliver(sent, () => 30),
      0,
      3300,
    );
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 60, noNaN: true }), { minLength: 60, maxLength: 60 }),
        (extra) => {
          // Never the first frame, which anchors both runs' clocks the same.
          const buffer = new PoseBuffer(options);
          const deliveries = deliver(sent, (i) => 30 + (i === 0 ? 0 : (extra[i] ?? 0)));
          const drawn = play(buffer, deliveries, 0, 3300);
          expect(maxDifference(drawn, baseline)).toBeLessThan(1e-9);
          expect(buffer.stats.accepted).toBe(60);
        },
      ),
      { numRuns: 60 },
    );
    // The late frames did matter: without them the curve is drawn differently.
    const swapped = deliver(sent, (i) => (i % 2 === 1 ? 85 : 30));
    const buffer = new PoseBuffer(options);
    expect(maxDifference(play(buffer, swapped, 0, 3300), baseline)).toBeLessThan(1e-9);
    expect(buffer.stats.reordered).toBeGreaterThan(20);
    const dropped = play(
      new PoseBuffer(options),
      deliver(sent, (i) => (i % 2 === 1 ? undefined : 30)),
      0,
      3300,
    );
    expect(maxDifference(dropped, baseline)).toBeGreaterThan(0.005);
  });
});

describe('PoseBuffer loss, duplicates and old frames', () => {
  it('stays monotone and smooth with every third frame lost', () => {
    const path = linearPath(0.4);
    const sent = stream(path, { count: 60 });
    const drawn = play(
      new PoseBuffer(),
      deliver(sent, (i) => (i % 3 === 2 ? undefined : 30 + ((i * 7) % 20))),
      0,
      3300,
    );
    for (let i = 1; i < drawn.length; i++) {
      expect(drawn[i]?.head.position.x).toBeGreaterThanOrEqual(
        drawn[i - 1]?.head.position.x ?? Infinity,
      );
    }
    expect(maxStep(drawn)).toBeLessThan(1.25 * 0.4 * (FRAME_90HZ_MS / 1000));
    expect(withinSentRange(drawn, sent)).toBe(true);
  });

  it('ignores duplicates, which also do not count as signs of life', () => {
    const buffer = new PoseBuffer(FIXED_DELAY);
    expect(buffer.push(frame(0, 0), 1000)).toBe(true);
    expect(buffer.push(frame(5, 1), 1050)).toBe(true);
    expect(buffer.push(frame(5, 9), 1060)).toBe(false);
    expect(buffer.push(frame(0, 9), 1070)).toBe(false);
    expect(buffer.stats.duplicates).toBe(2);
    expect(buffer.sample(1125).head.position.x).toBeCloseTo(0.5, 9);
    expect(buffer.push(frame(5, 9), 1050 + STALE_MS - 50)).toBe(false);
    expect(buffer.sample(1050 + STALE_MS + 1).stale).toBe(true);
  });

  it('drops a frame older than the one already being drawn from', () => {
    const buffer = new PoseBuffer(FIXED_DELAY);
    buffer.push(frame(0, 0), 1000);
    buffer.push(frame(10, 1), 1100);
    buffer.push(frame(20, 2), 1200);
    expect(buffer.sample(1260).head.position.x).toBeCloseTo(1.6, 9);
    // seq 5 is older than seq 10, being drawn from; seq 15 (sender time 150) is newer, but its
    // moment (the drawn one is 160) has passed: showing it now would mean jumping back.
    expect(buffer.push(frame(5, 9), 1261)).toBe(false);
    expect(buffer.push(frame(10, 9), 1262)).toBe(false);
    expect(buffer.push(frame(15, 9), 1263)).toBe(false);
    expect(buffer.stats.late).toBe(2);
    expect(buffer.stats.duplicates).toBe(1);
    expect(buffer.sample(1270).head.position.x).toBeCloseTo(1.7, 9);
    // A straggler still ahead of the drawn moment is slotted in.
    expect(buffer.push(frame(25, 2.5), 1271)).toBe(true);
    expect(buffer.push(frame(23, 2.3), 1272)).toBe(true);
    expect(buffer.stats.reordered).toBe(1);
  });

  it('crosses the 16-bit seq wrap exactly as anywhere else', () => {
    const path = linearPath(0.4);
    // 40 frames of 5 ticks each, starting 100 ticks before the wrap.
    const wrapping = stream(path, { count: 40, startSeq: SEQ_MODULUS - 100 });
    const plain = stream(path, { count: 40, startSeq: 1000 });
    expect(wrapping.some((s) => s.frame.seq < 100)).toBe(true);
    const jitter = (i: number): number => 30 + ((i * 13) % 25);
    const buffer = new PoseBuffer();
    const a = play(buffer, deliver(wrapping, jitter), 0, 2300);
    const b = play(new PoseBuffer(), deliver(plain, jitter), 0, 2300);
    expect(buffer.stats.accepted).toBe(40);
    expect(maxDifference(a, b)).toBeLessThan(1e-9);
    expect(a.at(-1)?.head.position.x).toBeCloseTo(path(39 * 50).position.x, 9);
  });
});
