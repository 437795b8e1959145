/**
 * Sender to receiver through a lossy, jittery, reordering channel: the drawn motion must be
 * smooth and follow what the person did, a playout delay later.
 */
import fc from 'fast-check';

import { defaultPoseBuffer, PoseBuffer } from '../../../../client/presence/pose-buffer';
import { PoseSender } from '../../../../client/presence/pose-sender';
import { POSE_SEQ_TICK_MS } from '../../../../client/presence/pose-timing';
import { decodePose } from '../../../../shared/pose/pose-codec';
import {
  CURVED_SPEED,
  CURVED_TURN,
  curvedPath,
  dist,
  maxStep,
  maxTurn,
  play,
  type Delivery,
  type Drawn,
} from './stream';

/** Still for 1.5 s, moving for 2.5 s, still for 1.5 s, moving again: motion time for clock time. */
function motionTime(t: number): number {
  if (t < 1500) return 0;
  if (t < 4000) return t - 1500;
  if (t < 5500) return 2500;
  return 2500 + (t - 5500);
}

const truth = (t: number) => curvedPath(motionTime(t));
const END_MS = 7500;
const STALE_MS = defaultPoseBuffer.staleAfterMs;

interface Link {
  lost: boolean;
  delayMs: number;
}

function transmit(links: readonly Link[]): { deliveries: Delivery[]; sent: number } {
  const sender = new PoseSender();
  const deliveries: Delivery[] = [];
  let n = 0;
  for (let k = 0; k * (1000 / 90) <= END_MS; k++) {
    const at = k * (1000 / 90);
    const bytes = sender.next({ head: truth(at) }, at);
    if (!bytes) continue;
    const link = links[n++ % links.length];
    if (link && !link.lost) deliveries.push({ frame: decodePose(bytes), at: at + link.delayMs });
  }
  deliveries.sort((a, b) => a.at - b.at);
  return { deliveries, sent: n };
}

/**
 * How far a drawn pose is from anywhere the person was between `minLagMs` and `maxLagMs` before
 * it was drawn: small when the drawing follows the person's path with a lag in that range.
 */
function offPath(d: Drawn, minLagMs: number, maxLagMs: number): number {
  let best = Infinity;
  for (let lag = minLagMs; lag <= maxLagMs; lag += 1) {
    best = Math.min(best, dist(d.head.position, truth(d.at - lag).position));
  }
  return best;
}

/**
 * The longest stretch of the person's motion (sender ms) with no frame received: interpolation
 * draws a straight chord across it, however the person curved.
 */
function longestGapMs(deliveries: readonly Delivery[]): number {
  const times = deliveries.map((d) => d.frame.seq * POSE_SEQ_TICK_MS).sort((a, b) => a - b);
  let longest = 0;
  for (let i = 1; i < times.length; i++) {
    const from = times[i - 1] ?? 0;
    const to = times[i] ?? 0;
    if (motionTime(to) !== motionTime(from)) longest = Math.max(longest, to - from);
  }
  return longest;
}

/** How far a chord across `ms` of the curved path strays from the arc (circle plus nod). */
function chordError(ms: number): number {
  const bulge = (radius: number, hz: number) =>
    radius * (1 - Math.cos(Math.min(Math.PI, (Math.PI * hz * ms) / 1000)));
  return bulge(0.2, 1) + bulge(0.03, 1.7);
}

describe('PoseSender → channel → PoseBuffer', () => {
  it('draws smooth motion that follows the person a playout delay later', () => {
    const link = fc.record({
      lost: fc.nat(99).map((n) => n >= 85),
      delayMs: fc.double({ min: 20, max: 60, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(link, { minLength: 50, maxLength: 200 }), (links) => {
        const { deliveries, sent } = transmit(links);
        // Far fewer frames than 90 Hz, and far fewer while still.
        expect(sent).toBeLessThan(END_MS * 0.025 * 0.75);
        const buffer = new PoseBuffer();
        const drawn = play(buffer, deliveries, 0, END_MS, 1000 / 72).filter((d) => d.at > 300);
        // No pops: within a few per cent of the person's own speed, plus, after a stretch of
        // motion with no frames at all, the catch-up on what was missed eased over 150 ms
        // (smoothstep's steepest slope is 1.5).
        const frameS = 1 / 72;
        const missedS = longestGapMs(deliveries) / 1000;
        const catchUp = (1.5 * missedS * frameS) / (defaultPoseBuffer.resumeBlendMs / 1000);
        expect(maxStep(drawn)).toBeLessThan(CURVED_SPEED * (1.4 * frameS + catchUp));
        expect(maxTurn(drawn)).toBeLessThan(CURVED_TURN * (1.4 * frameS + catchUp));
        // Stale exactly when nothing has come for a while (two keep-alives lost in a row).
        for (const d of drawn) {
          const heard = deliveries.some((x) => x.at <= d.at && x.at >= d.at - STALE_MS);
          expect(d.stale).toBe(!heard);
        }
        // On the path, never more than 60–250 ms behind. Lost frames cut corners, and seq
        // labels each frame to within 5 ms of when it was sent (about 6 mm at this speed).
        const allowed = chordError(longestGapMs(deliveries)) + 0.01;
        for (const d of drawn) expect(offPath(d, 60, 250)).toBeLessThan(allowed);
      }),
      { numRuns: 1000, endOnFailure: true },
    );
  });
});
