import { PoseSender, type PoseInput } from '../../../../client/presence/pose-sender';
import { POSE_SEQ_TICK_MS } from '../../../../client/presence/pose-timing';
import { decodePose, HEAD_POSITION_STEP_M, POSE_BYTES } from '../../../../shared/pose/pose-codec';
import { isNewer, SEQ_MODULUS } from '../../../../shared/pose/sequence';
import { angle, dist, pose, yaw } from './stream';

interface Sent {
  at: number;
  bytes: Uint8Array;
}

/** Runs the sender's `next` once a rendered frame at `hz` for `ms`, from `startMs`. */
function drive(
  sender: PoseSender,
  input: (tMs: number) => PoseInput,
  { hz = 90, ms = 3000, startMs = 0 } = {},
): Sent[] {
  const sent: Sent[] = [];
  for (let k = 0; k * (1000 / hz) <= ms; k++) {
    const at = startMs + k * (1000 / hz);
    const bytes = sender.next(input(at), at);
    if (bytes) sent.push({ at, bytes });
  }
  return sent;
}

const moving = (tMs: number): PoseInput => ({ head: pose(tMs / 2000, 1.2, 0, yaw(tMs / 1000)) });
const still = (): PoseInput => ({ head: pose(0.1, 1.2, 0.3, yaw(0.4)) });

function mostInAnySecond(sent: readonly Sent[]): number {
  let most = 0;
  for (const first of sent)
    most = Math.max(most, sent.filter((s) => s.at >= first.at && s.at < first.at + 1000).length);
  return most;
}

function gaps(sent: readonly Sent[]): number[] {
  return sent.slice(1).map((s, i) => s.at - (sent[i]?.at ?? 0));
}

describe('PoseSender', () => {
  it.each([72, 90, 120])(
    'sends a moving pose at 25 Hz from a %i Hz render loop, never faster',
    (hz) => {
      const sender = new PoseSender();
      const sent = drive(sender, moving, { hz, ms: 4000 });
      expect(sent.length).toBeGreaterThanOrEqual(4 * 25 - 1);
      expect(sent.length).toBeLessThanOrEqual(4 * 25 + 1);
      expect(mostInAnySecond(sent)).toBeLessThanOrEqual(26);
      expect(Math.min(...gaps(sent))).toBeGreaterThanOrEqual(20);
      expect(sender.keepAlivesSent).toBe(0);
    },
  );

  it('sends only a 2 Hz keep-alive while nothing moves more than the threshold', () => {
    const sender = new PoseSender();
    // Tracking noise well under 2 mm and 0.5°.
    const noisy = (t: number): PoseInput => ({
      head: pose(0.1 + 0.0008 * Math.sin(t), 1.2, 0.3, yaw(0.4 + 0.003 * Math.sin(t / 7))),
    });
    const sent = drive(sender, noisy, { ms: 5000 });
    expect(sent.length).toBeGreaterThanOrEqual(10);
    expect(sent.length).toBeLessThanOrEqual(11);
    for (const gap of gaps(sent)) {
      expect(gap).toBeGreaterThanOrEqual(500);
      expect(gap).toBeLessThan(500 + 1000 / 90 + 1e-9);
    }
    expect(sender.keepAlivesSent).toBe(sender.framesSent - 1);
  });

  it('sends at once when someone still starts to move, and measures from the last frame sent', () => {
    const sender = new PoseSender();
    drive(sender, still, { ms: 2000 });
    const before = sender.framesSent;
    // 2.5 mm away from the pose last sent: goes out on this very frame.
    const moved = still();
    moved.head.position.x += 0.0025;
    expect(sender.next(moved, 2100)).toBeDefined();
    expect(sender.framesSent).toBe(before + 1);
    // A slow drift of 0.5 mm a frame is never over the threshold between two frames, but adds up.
    let x = moved.head.position.x;
    const drifting = drive(sender, () => ({ head: pose((x += 0.0005), 1.2, 0.3, yaw(0.4)) }), {
      startMs: 2200,
      ms: 1000,
    });
    expect(drifting.length).toBeGreaterThan(10);
  });

  it('sends at once when a hand appears, loses tracking or goes', () => {
    const sender = new PoseSender();
    const hand = (tracked: boolean) => ({ ...pose(0.3, 1, 0.2), tracked });
    expect(sender.next(still(), 0)).toBeDefined();
    expect(sender.next(still(), 100)).toBeUndefined();
    expect(sender.next({ ...still(), left: hand(true) }, 200)).toBeDefined();
    expect(sender.next({ ...still(), left: hand(true) }, 300)).toBeUndefined();
    const lost = sender.next({ ...still(), left: hand(false) }, 400);
    expect(lost && decodePose(lost).left?.tracked).toBe(false);
    expect(sender.next({ ...still(), left: hand(false) }, 500)).toBeUndefined();
    const gone = sender.next(still(), 600);
    expect(gone && decodePose(gone).left).toBeUndefined();
  });

  it('encodes what it was given', () => {
    const sender = new PoseSender();
    const input: PoseInput = {
      head: pose(0.5, 1.3, -0.7, yaw(1)),
      right: { ...pose(0.7, 1.0, -0.5, yaw(2)), tracked: true },
    };
    const bytes = sender.next(input, 0);
    expect(bytes?.length).toBe(POSE_BYTES);
    const frame = bytes && decodePose(bytes);
    expect(frame && dist(frame.head.position, input.head.position)).toBeLessThan(
      HEAD_POSITION_STEP_M,
    );
    expect(frame && angle(frame.head.rotation, input.head.rotation)).toBeLessThan(0.005);
    expect(frame?.left).toBeUndefined();
    expect(frame?.right?.tracked).toBe(true);
  });

  it('counts ticks of its clock in seq, so gaps in seq are gaps in time', () => {
    const sender = new PoseSender();
    const sent = [
      ...drive(sender, moving, { ms: 1000 }),
      ...drive(sender, still, { startMs: 1001, ms: 2000 }),
    ];
    const seqs = sent.map((s) => decodePose(s.bytes).seq);
    const first = sent[0];
    expect(first).toBeDefined();
    sent.forEach((s, i) => {
      // Within half a tick of the time it was sent.
      const expected = Math.round((s.at - (first?.at ?? 0)) / POSE_SEQ_TICK_MS);
      expect(seqs[i]).toBe(expected);
    });
  });

  it('wraps seq past 65535 and keeps every frame newer than the last', () => {
    const sender = new PoseSender({ initialSeq: SEQ_MODULUS - 50 });
    const seqs = drive(sender, moving, { ms: 2000 }).map((s) => decodePose(s.bytes).seq);
    expect(seqs[0]).toBe(SEQ_MODULUS - 50);
    expect(seqs.some((seq) => seq < 100)).toBe(true);
    for (let i = 1; i < seqs.length; i++)
      expect(isNewer(seqs[i] ?? 0, seqs[i - 1] ?? 0)).toBe(true);
  });

  it('never repeats seq, even faster than its clock ticks', () => {
    const sender = new PoseSender({ rateHz: 1000 });
    const seqs: number[] = [];
    for (const at of [0, 1, 2, 3, 4]) {
      const bytes = sender.next(moving(seqs.length * 1000), at);
      if (bytes) seqs.push(decodePose(bytes).seq);
    }
    expect(seqs).toEqual([0, 1, 2, 3, 4]);
    expect(sender.next(moving(0), Number.NaN)).toBeUndefined();
  });

  it('counts frames and bytes for benchmarks', () => {
    const sender = new PoseSender();
    const sent = drive(sender, moving, { ms: 1000 });
    expect(sender.framesSent).toBe(sent.length);
    expect(sender.bytesSent).toBe(sent.length * POSE_BYTES);
  });
});
