import { SlidingWindow } from '../../../../signaling-server/limits/sliding-window';

function clock(start = 1_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    set: (value: number) => {
      t = value;
    },
  };
}

describe('SlidingWindow', () => {
  it('allows the limit within a window and says how long until the next', () => {
    const c = clock();
    const window = new SlidingWindow(3, 10_000, c.now);
    expect(window.take('a')).toBe(0);
    c.advance(2_000);
    expect(window.take('a')).toBe(0);
    c.advance(2_000);
    expect(window.take('a')).toBe(0);
    expect(window.take('a')).toBe(6_000);
    // A refusal is not counted, and keys are separate.
    expect(window.take('b')).toBe(0);
    c.advance(6_000);
    expect(window.take('a')).toBe(0);
    expect(window.take('a')).toBe(2_000);
  });

  it('never holds anyone back longer than the window when the clock steps backwards', () => {
    const c = clock();
    const window = new SlidingWindow(1, 10_000, c.now);
    expect(window.take('a')).toBe(0);
    c.set(1_000_000 - 60_000);
    expect(window.take('a')).toBe(0);
    expect(window.take('a')).toBe(10_000);
  });

  it('forgets keys whose window has passed', () => {
    const c = clock();
    const window = new SlidingWindow(2, 10_000, c.now);
    for (const key of ['a', 'b', 'c']) window.take(key);
    expect(window.size).toBe(3);
    c.advance(10_000);
    window.take('d');
    expect(window.size).toBe(1);
  });
});
