import fc from 'fast-check';

import { defaultPlayout, PlayoutClock } from '../../../../client/presence/playout-clock';

describe('PlayoutClock', () => {
  it('plays the sender timeline the target delay behind its least-delayed frames', () => {
    const clock = new PlayoutClock();
    for (let i = 0; i < 50; i++) clock.observe(i * 50, 1000 + i * 50 + (i % 3) * 10);
    expect(clock.targetDelayMs).toBeCloseTo(100, 0);
    expect(clock.advance(3500)).toBe(true);
    // Offset 1000 (the punctual frames, plus the creep since the last of them), delay 2 × 50 ms.
    const played = clock.playedMs ?? NaN;
    const punctual = 3500 - 1000 - clock.targetDelayMs;
    expect(played).toBeLessThanOrEqual(punctual);
    expect(played).toBeGreaterThan(punctual - 60 * defaultPlayout.offsetCreep - 1e-9);
  });

  it('never runs backwards or faster than allowed, whatever arrives, unless it must jump', () => {
    const step = fc.record({
      sentMs: fc.double({ min: 0, max: 20_000, noNaN: true }),
      delayMs: fc.double({ min: 0, max: 400, noNaN: true }),
      dt: fc.double({ min: 0, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 200 }), (steps) => {
        const clock = new PlayoutClock();
        let now = 0;
        let before: number | undefined;
        for (const { sentMs, delayMs, dt } of steps) {
          now += dt;
          clock.observe(sentMs, now + delayMs - 400);
          const jumped = clock.advance(now);
          const played = clock.playedMs;
          if (before !== undefined && played !== undefined && !jumped) {
            expect(played).toBeGreaterThanOrEqual(
              before + (1 - defaultPlayout.maxSlowDown) * dt - 1e-9,
            );
            expect(played).toBeLessThanOrEqual(
              before + (1 + defaultPlayout.maxSpeedUp) * dt + 1e-9,
            );
          }
          before = played;
        }
      }),
    );
  });

  it('keeps the delay within its limits', () => {
    const slow = new PlayoutClock();
    const fast = new PlayoutClock();
    for (let i = 0; i < 100; i++) {
      slow.observe(i * 240, i * 240);
      fast.observe(i * 5, i * 5);
    }
    expect(slow.targetDelayMs).toBe(defaultPlayout.maxDelayMs);
    expect(fast.targetDelayMs).toBe(defaultPlayout.minDelayMs);
  });

  it('does not count a still sender’s keep-alive pauses as its rate', () => {
    const clock = new PlayoutClock();
    for (let i = 0; i < 20; i++) clock.observe(i * 40, i * 40);
    for (let i = 1; i <= 20; i++) clock.observe(760 + i * 500, 760 + i * 500);
    expect(clock.meanGapMs).toBeCloseTo(40, 6);
  });
});
