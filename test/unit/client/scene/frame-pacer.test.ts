import { FramePacer } from '../../../../client/scene/frame-pacer';

/** Display frames at `hz` from `startMs` for `durationMs`; returns how many were drawn. */
function drawn(pacer: FramePacer, hz: number, startMs: number, durationMs: number): number {
  let count = 0;
  for (let t = startMs; t < startMs + durationMs; t += 1000 / hz) {
    if (pacer.shouldDraw(t)) count++;
  }
  return count;
}

describe('FramePacer', () => {
  it.each([60, 90, 120, 144])(
    'draws a still view about 30 times a second on a %i Hz display',
    (hz) => {
      const count = drawn(new FramePacer(), hz, 0, 10_000);
      // 144 Hz frames fall 34.7 ms apart at best: 28.8 a second.
      expect(count).toBeGreaterThanOrEqual(285);
      expect(count).toBeLessThanOrEqual(305);
    },
  );

  it('draws every frame while the person steers the view, and for a second after', () => {
    const pacer = new FramePacer();
    pacer.noteInput(1_000);
    expect(drawn(pacer, 60, 1_000, 1_000)).toBe(60);
    // A second after the last input, the calm rate returns.
    const after = drawn(pacer, 60, 2_000, 1_000);
    expect(after).toBeGreaterThanOrEqual(29);
    expect(after).toBeLessThanOrEqual(31);
  });

  it('draws the first frame at once and never skips more than one interval', () => {
    const pacer = new FramePacer({ idleIntervalMs: 100, activeWindowMs: 0 });
    expect(pacer.shouldDraw(5)).toBe(true);
    expect(pacer.shouldDraw(50)).toBe(false);
    expect(pacer.shouldDraw(101)).toBe(true);
    // A late display frame is drawn as soon as it comes.
    expect(pacer.shouldDraw(400)).toBe(true);
  });
});
