import { TimerDeadlines } from '../../../../signaling-server/deadlines/timer-deadlines';
import { createLogger } from '../../../../signaling-server/logger';
import { describeDeadlines } from '../../../support/deadlines-contract';
import { ManualClock } from '../../../support/server-harness';

const quiet = createLogger('silent');

describeDeadlines('timers in this process', () => {
  const clock = new ManualClock();
  const deadlines = new TimerDeadlines({ scheduler: clock, now: clock.now, logger: quiet });
  return Promise.resolve({
    deadlines,
    now: clock.now,
    advance: async (ms) => {
      clock.advance(ms);
      // Handlers are async: let the ones just started finish.
      await new Promise((resolve) => setImmediate(resolve));
    },
    close: () => {
      deadlines.dispose();
      return Promise.resolve();
    },
  });
});

describe('TimerDeadlines', () => {
  it('leaves no timer behind when a deadline is moved, cancelled or disposed', async () => {
    const clock = new ManualClock();
    const deadlines = new TimerDeadlines({ scheduler: clock, now: clock.now, logger: quiet });
    await deadlines.set('seat-hold', 'c1/a', clock.now() + 100, 'x');
    await deadlines.set('seat-hold', 'c1/a', clock.now() + 200, 'y');
    expect(clock.pending).toBe(1);
    await deadlines.set('seat-hold', 'c1/b', clock.now() + 100, 'x');
    await deadlines.cancel('seat-hold', 'c1/b');
    expect(clock.pending).toBe(1);
    deadlines.dispose();
    expect(clock.pending).toBe(0);
    await deadlines.set('seat-hold', 'c1/c', clock.now() + 100, 'x');
    expect(clock.pending).toBe(0);
  });
});
