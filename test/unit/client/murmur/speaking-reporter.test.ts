import { SpeakingReporter } from '../../../../client/murmur/speaking-reporter';

describe('SpeakingReporter', () => {
  let now = 0;
  let sent: boolean[] = [];
  let reporter: SpeakingReporter;

  beforeEach(() => {
    jest.useFakeTimers();
    now = 10_000;
    sent = [];
    reporter = new SpeakingReporter(
      (speaking) => sent.push(speaking),
      () => now,
      500,
    );
  });

  afterEach(() => {
    reporter.dispose();
    jest.useRealTimers();
  });

  const advance = (ms: number) => {
    now += ms;
    jest.advanceTimersByTime(ms);
  };

  it('reports a change at once, and not a repeat of what was said', () => {
    reporter.set(true);
    reporter.set(true);
    expect(sent).toEqual([true]);
  });

  it('holds changes inside the pace and sends only the last, if it still differs', () => {
    reporter.set(true);
    advance(100);
    reporter.set(false);
    reporter.set(true);
    reporter.set(false);
    expect(sent).toEqual([true]);
    advance(399);
    expect(sent).toEqual([true]);
    advance(1);
    expect(sent).toEqual([true, false]);

    // A stop and start inside the pace that end where they began send nothing more.
    reporter.set(true);
    reporter.set(false);
    advance(1_000);
    expect(sent).toEqual([true, false]);
  });

  it('never sends more than once per interval, however fast the changes come', () => {
    for (let i = 0; i < 100; i++) {
      reporter.set(i % 2 === 0);
      advance(37);
    }
    advance(1_000);
    // 3.7 s of flapping: at most one report per 500 ms, and the last says the truth (false).
    expect(sent.length).toBeLessThanOrEqual(9);
    expect(sent.at(-1)).toBe(false);
  });

  it('forgets what was said on reset, and cancels a held report', () => {
    reporter.set(true);
    reporter.set(false);
    reporter.reset();
    advance(1_000);
    expect(sent).toEqual([true]);
    reporter.set(true);
    expect(sent).toEqual([true, true]);
  });
});
