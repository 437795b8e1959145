import { KeyedTimers } from '../../../../signaling-server/circles/grace-timers';
import { realScheduler, type Scheduler } from '../../../../shared/time/time';

/** A scheduler driven by hand: nothing fires until `advance` moves its clock past a deadline. */
class FakeScheduler implements Scheduler {
  now = 0;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  readonly cleared: unknown[] = [];

  set(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.now + ms, callback });
    return handle;
  }

  clear(handle: unknown): void {
    this.cleared.push(handle);
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= until)
        .sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      const [handle, timer] = due;
      this.timers.delete(handle);
      this.now = timer.at;
      timer.callback();
    }
    this.now = until;
  }
}

describe('KeyedTimers', () => {
  let scheduler: FakeScheduler;
  let timers: KeyedTimers;

  beforeEach(() => {
    scheduler = new FakeScheduler();
    timers = new KeyedTimers(scheduler);
  });

  it('fires once when its time is up, not before, and forgets the key', () => {
    const expired = jest.fn();
    timers.start('c1/m1', 30_000, expired);
    expect(timers.size).toBe(1);
    scheduler.advance(29_999);
    expect(expired).not.toHaveBeenCalled();
    scheduler.advance(1);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(timers.size).toBe(0);
    scheduler.advance(60_000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('replaces the timer when a key is started again', () => {
    const first = jest.fn();
    const second = jest.fn();
    timers.start('c1/m1', 1_000, first);
    scheduler.advance(500);
    timers.start('c1/m1', 1_000, second);
    expect(timers.size).toBe(1);
    expect(scheduler.pending).toBe(1);
    scheduler.advance(600);
    expect(first).not.toHaveBeenCalled();
    expect(second).not.toHaveBeenCalled();
    scheduler.advance(400);
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
  });

  it('keeps timers for different keys apart', () => {
    const a = jest.fn();
    const b = jest.fn();
    timers.start('c1/a', 100, a);
    timers.start('c1/b', 200, b);
    scheduler.advance(100);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).not.toHaveBeenCalled();
    expect(timers.size).toBe(1);
    scheduler.advance(100);
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('cancel stops the timer and clears it in the scheduler', () => {
    const expired = jest.fn();
    timers.start('c1/m1', 100, expired);
    timers.cancel('c1/m1');
    expect(timers.size).toBe(0);
    expect(scheduler.pending).toBe(0);
    scheduler.advance(1_000);
    expect(expired).not.toHaveBeenCalled();
  });

  it('cancel of an unknown key does nothing', () => {
    timers.start('c1/m1', 100, jest.fn());
    timers.cancel('c1/other');
    expect(timers.size).toBe(1);
    expect(scheduler.cleared).toEqual([]);
  });

  it('cancelPrefix stops exactly the keys that start with the prefix', () => {
    const fired: string[] = [];
    for (const key of ['c1/a', 'c1/b', 'c10/a', 'c2/a', 'xc1/a']) {
      timers.start(key, 100, () => fired.push(key));
    }
    timers.cancelPrefix('c1/');
    expect(timers.size).toBe(3);
    scheduler.advance(100);
    expect(fired.sort()).toEqual(['c10/a', 'c2/a', 'xc1/a']);
  });

  it('lets a callback start its own key again', () => {
    let runs = 0;
    const tick = () => {
      runs++;
      if (runs < 3) timers.start('c1/m1', 100, tick);
    };
    timers.start('c1/m1', 100, tick);
    scheduler.advance(100);
    expect(timers.size).toBe(1);
    scheduler.advance(1_000);
    expect(runs).toBe(3);
    expect(timers.size).toBe(0);
  });

  it('dispose clears every pending timer', () => {
    const expired = jest.fn();
    timers.start('c1/a', 100, expired);
    timers.start('c2/b', 200, expired);
    timers.dispose();
    expect(timers.size).toBe(0);
    expect(scheduler.pending).toBe(0);
    expect(scheduler.cleared).toHaveLength(2);
    scheduler.advance(1_000);
    expect(expired).not.toHaveBeenCalled();
  });
});

describe('realScheduler', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('drives KeyedTimers with setTimeout and clearTimeout', () => {
    const timers = new KeyedTimers(realScheduler);
    const kept = jest.fn();
    const cancelled = jest.fn();
    timers.start('a', 30_000, kept);
    timers.start('b', 30_000, cancelled);
    timers.cancel('b');
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(29_999);
    expect(kept).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('leaves no timer behind after dispose', () => {
    const timers = new KeyedTimers(realScheduler);
    timers.start('a', 5 * 60_000, jest.fn());
    timers.start('b', 30_000, jest.fn());
    timers.dispose();
    expect(jest.getTimerCount()).toBe(0);
  });
});
