import {
  BALANCE_TICK_MS,
  BalanceClock,
  DEFAULT_BALANCE_MINUTES,
  advanceBalance,
  effectiveLimit,
  fixedOffsetDays,
  isNoteDue,
  parseBalanceState,
  parseLimitChoice,
  type BalanceState,
} from '../../../../client/balance/balance-clock';
import { MemoryStorage } from '../steps/memory-storage';

const MINUTE = 60_000;
const TICK = BALANCE_TICK_MS;
/** Tokyo has no daylight saving, so its days are always 24 hours: the tests need no zone data. */
const tokyo = fixedOffsetDays(540);
/** 10 December 2026, 00:00 in Tokyo. */
const DEC_10 = Date.UTC(2026, 11, 9, 15, 0);

/** A clock in Tokyo whose time the test moves. */
function setup(
  options: { operatorMinutes?: number | null; storage?: MemoryStorage; at?: number } = {},
) {
  const storage = options.storage ?? new MemoryStorage();
  const time = { now: options.at ?? DEC_10 + 9 * 60 * MINUTE };
  const make = () =>
    new BalanceClock(storage.asStorage, {
      now: () => time.now,
      days: tokyo,
      ...('operatorMinutes' in options ? { operatorMinutes: options.operatorMinutes } : {}),
    });
  return { storage, time, clock: make(), make };
}

/** Ticks every interval for `ms`, as an open page does; returns how many ticks were due. */
function run(clock: BalanceClock, time: { now: number }, ms: number): number {
  let due = 0;
  for (let passed = 0; passed < ms; passed += TICK) {
    time.now += TICK;
    if (clock.tick()) due++;
  }
  return due;
}

describe('fixedOffsetDays', () => {
  it('puts local midnight where the offset says', () => {
    expect(tokyo.dateOf(DEC_10 - 1)).toBe('2026-12-09');
    expect(tokyo.dateOf(DEC_10)).toBe('2026-12-10');
    expect(tokyo.startOf(DEC_10 + 5 * MINUTE)).toBe(DEC_10);
    expect(tokyo.startOf(DEC_10 - 5 * MINUTE)).toBe(DEC_10 - 24 * 60 * MINUTE);
    const newYork = fixedOffsetDays(-300);
    expect(newYork.dateOf(Date.UTC(2026, 11, 10, 4, 59))).toBe('2026-12-09');
    expect(newYork.dateOf(Date.UTC(2026, 11, 10, 5, 0))).toBe('2026-12-10');
  });
});

describe('advanceBalance (pure)', () => {
  const state = (over: Partial<BalanceState> = {}): BalanceState => ({
    date: '2026-12-10',
    usedMs: 10 * MINUTE,
    noted: false,
    lastTick: DEC_10 + 60 * MINUTE,
    ...over,
  });

  it('starts the day at zero', () => {
    expect(advanceBalance(undefined, DEC_10 + MINUTE, tokyo)).toEqual({
      date: '2026-12-10',
      usedMs: 0,
      noted: false,
      lastTick: DEC_10 + MINUTE,
    });
  });

  it('adds the time since the last tick', () => {
    const next = advanceBalance(state(), DEC_10 + 60 * MINUTE + TICK, tokyo);
    expect(next.usedMs).toBe(10 * MINUTE + TICK);
    expect(next.lastTick).toBe(DEC_10 + 60 * MINUTE + TICK);
  });

  it('counts a gap of up to two intervals in full, and a longer one as one interval', () => {
    const last = state().lastTick;
    expect(advanceBalance(state(), last + 2 * TICK, tokyo).usedMs).toBe(10 * MINUTE + 2 * TICK);
    expect(advanceBalance(state(), last + 2 * TICK + 1, tokyo).usedMs).toBe(10 * MINUTE + TICK);
    expect(advanceBalance(state(), last + 8 * 60 * MINUTE, tokyo).usedMs).toBe(10 * MINUTE + TICK);
  });

  it('gives the part after midnight to the new day, and a new note', () => {
    const before = state({ date: '2026-12-09', usedMs: 3 * 60 * MINUTE, noted: true });
    const last = DEC_10 - 10_000;
    const next = advanceBalance({ ...before, lastTick: last }, DEC_10 + 4_000, tokyo);
    expect(next).toEqual({
      date: '2026-12-10',
      usedMs: 4_000,
      noted: false,
      lastTick: DEC_10 + 4_000,
    });
  });

  it('after a night away, starts the new day with one interval at most', () => {
    const before = state({ date: '2026-12-09', lastTick: DEC_10 - 2 * 60 * MINUTE, noted: true });
    const next = advanceBalance(before, DEC_10 + 8 * 60 * MINUTE, tokyo);
    expect(next.date).toBe('2026-12-10');
    expect(next.usedMs).toBe(TICK);
    expect(next.noted).toBe(false);
  });

  it('adds nothing for a clock set back', () => {
    const next = advanceBalance(state(), state().lastTick - 5_000, tokyo);
    expect(next.usedMs).toBe(10 * MINUTE);
  });

  it('starts again from a last tick far in the future (a corrupt value)', () => {
    const next = advanceBalance(state({ lastTick: DEC_10 + 1e12 }), DEC_10 + MINUTE, tokyo);
    expect(next.usedMs).toBe(0);
    expect(next.lastTick).toBe(DEC_10 + MINUTE);
  });
});

describe('parsers', () => {
  it.each([
    null,
    'x',
    {},
    { date: '2026-12-10', usedMs: -1, noted: false, lastTick: 1 },
    { date: 'today', usedMs: 1, noted: false, lastTick: 1 },
    { date: '2026-12-10', usedMs: Infinity, noted: false, lastTick: 1 },
    { date: '2026-12-10', usedMs: 1, noted: 'no', lastTick: 1 },
    { date: '2026-12-10', usedMs: 1, noted: false },
  ])('a stored state %p is refused', (value) => {
    expect(parseBalanceState(value)).toBeUndefined();
  });

  it.each([
    ['60', 60],
    ['90', 90],
    ['240', 240],
    ['off', 'off'],
    ['45', 'default'],
    ['120.0', 'default'],
    ['default', 'default'],
    [null, 'default'],
    ['__proto__', 'default'],
  ] as const)('the limit %p reads as %p', (stored, choice) => {
    expect(parseLimitChoice(stored)).toBe(choice);
  });

  it('the limit in force follows the person, then the operator', () => {
    expect(effectiveLimit('default', 120)).toBe(120);
    expect(effectiveLimit('default', null)).toBeNull();
    expect(effectiveLimit(60, null)).toBe(60);
    expect(effectiveLimit('off', 120)).toBeNull();
  });

  it('the note is due at the limit, not before, and not twice', () => {
    const at = (usedMs: number, noted = false): BalanceState => ({
      date: '2026-12-10',
      usedMs,
      noted,
      lastTick: 0,
    });
    expect(isNoteDue(at(60 * MINUTE - 1), 60)).toBe(false);
    expect(isNoteDue(at(60 * MINUTE), 60)).toBe(true);
    expect(isNoteDue(at(60 * MINUTE, true), 60)).toBe(false);
    expect(isNoteDue(at(600 * MINUTE), null)).toBe(false);
  });
});

describe('BalanceClock', () => {
  it('counts the time a page is open, in engawa.balance', () => {
    const { clock, time, storage } = setup();
    clock.tick();
    run(clock, time, 10 * MINUTE);
    expect(clock.usedMs()).toBe(10 * MINUTE);
    const stored = JSON.parse(storage.items.get('engawa.balance') ?? 'null') as BalanceState;
    expect(stored).toMatchObject({ date: '2026-12-10', usedMs: 10 * MINUTE, noted: false });
    expect(stored.lastTick).toBe(time.now);
  });

  it(`has the note due once, when the operator's ${String(DEFAULT_BALANCE_MINUTES)} minutes are reached`, () => {
    const { clock, time } = setup();
    clock.tick();
    expect(run(clock, time, DEFAULT_BALANCE_MINUTES * MINUTE - TICK)).toBe(0);
    expect(run(clock, time, TICK)).toBe(1);
    expect(run(clock, time, 3 * 60 * MINUTE)).toBe(0);
  });

  it('carries the count and the note across a reload', () => {
    const { clock, time, make } = setup({ operatorMinutes: 60 });
    clock.tick();
    run(clock, time, 50 * MINUTE);
    clock.dispose();
    // The reload takes two seconds; the new page counts from the stored last tick.
    time.now += 2_000;
    const reloaded = make();
    expect(reloaded.usedMs()).toBe(50 * MINUTE);
    expect(reloaded.tick()).toBe(false);
    expect(reloaded.usedMs()).toBe(50 * MINUTE + 2_000);
    expect(run(reloaded, time, 10 * MINUTE)).toBe(1);
    const again = make();
    expect(run(again, time, 60 * MINUTE)).toBe(0);
  });

  it('does not count a closed page or a sleeping laptop beyond one interval', () => {
    const { clock, time } = setup();
    clock.tick();
    run(clock, time, 5 * MINUTE);
    time.now += 3 * 60 * MINUTE;
    clock.tick();
    expect(clock.usedMs()).toBe(5 * MINUTE + TICK);
  });

  it('does not count two tabs twice', () => {
    const { storage, time } = setup({ operatorMinutes: 30 });
    const one = new BalanceClock(storage.asStorage, {
      now: () => time.now,
      days: tokyo,
      operatorMinutes: 30,
    });
    const two = new BalanceClock(storage.asStorage, {
      now: () => time.now,
      days: tokyo,
      operatorMinutes: 30,
    });
    one.tick();
    // The second tab ticks 7 seconds after the first, each every interval, for 40 minutes.
    let due = 0;
    for (let passed = 0; passed < 40 * MINUTE; passed += TICK) {
      time.now += 7_000;
      if (two.tick()) due++;
      time.now += TICK - 7_000;
      if (one.tick()) due++;
    }
    expect(one.usedMs()).toBe(40 * MINUTE);
    expect(two.usedMs()).toBe(40 * MINUTE);
    // The note comes once, in whichever tab reaches the limit.
    expect(due).toBe(1);
  });

  it('across local midnight, the new day starts from the seconds after it, with a new note', () => {
    // 23:30:10 in Tokyo on the 9th, with a one-hour limit.
    const { clock, time } = setup({ operatorMinutes: 60, at: DEC_10 - 30 * MINUTE + 10_000 });
    clock.tick();
    expect(run(clock, time, 29 * MINUTE + 45_000)).toBe(0);
    expect(time.now).toBe(DEC_10 - 5_000);
    // This tick crosses midnight: 5 s before it, 10 s after it.
    time.now += TICK;
    expect(clock.tick()).toBe(false);
    expect(clock.usedMs()).toBe(10_000);
    expect(run(clock, time, 60 * MINUTE - 15_000)).toBe(0);
    expect(run(clock, time, TICK)).toBe(1);
  });

  it('the note shown late in one day comes again the next day', () => {
    const { clock, time } = setup({ operatorMinutes: 60, at: DEC_10 + 22 * 60 * MINUTE });
    clock.tick();
    // Due at 23:00, and not again before midnight.
    expect(run(clock, time, 2 * 60 * MINUTE)).toBe(1);
    expect(time.now).toBe(DEC_10 + 24 * 60 * MINUTE);
    expect(clock.usedMs()).toBe(0);
    expect(run(clock, time, 59 * MINUTE)).toBe(0);
    expect(run(clock, time, MINUTE)).toBe(1);
  });

  describe('the person’s own limit', () => {
    it('overrides the operator’s, in engawa.balanceLimit', () => {
      const { clock, time, storage } = setup();
      clock.setLimitChoice(60);
      expect(storage.items.get('engawa.balanceLimit')).toBe('60');
      expect(clock.limitMinutes()).toBe(60);
      clock.tick();
      expect(run(clock, time, 60 * MINUTE)).toBe(1);
    });

    it('"off" means no note at all', () => {
      const { clock, time, storage } = setup();
      clock.setLimitChoice('off');
      expect(storage.items.get('engawa.balanceLimit')).toBe('off');
      clock.tick();
      expect(run(clock, time, 10 * 60 * MINUTE)).toBe(0);
    });

    it('back to the default forgets the choice and follows the operator again', () => {
      const { clock, storage } = setup({ operatorMinutes: 90 });
      clock.setLimitChoice(240);
      clock.setLimitChoice('default');
      expect(storage.items.has('engawa.balanceLimit')).toBe(false);
      expect(clock.limitMinutes()).toBe(90);
    });

    it('is read by every page of the browser, and survives a reload', () => {
      const { clock, make } = setup();
      clock.setLimitChoice(180);
      expect(make().limitChoice()).toBe(180);
    });

    it('turned on after the limit has passed, brings the note at the next tick', () => {
      const { clock, time } = setup({ operatorMinutes: null });
      clock.tick();
      expect(run(clock, time, 2 * 60 * MINUTE)).toBe(0);
      clock.setLimitChoice(90);
      expect(clock.tick()).toBe(true);
      expect(clock.tick()).toBe(false);
    });

    it('tells its listeners when the limit or the operator’s default changes', () => {
      const { clock } = setup();
      const heard = jest.fn();
      clock.changed.on(heard);
      clock.setLimitChoice(60);
      clock.setOperatorMinutes(90);
      clock.setOperatorMinutes(90);
      expect(heard).toHaveBeenCalledTimes(2);
      expect(clock.operatorMinutes).toBe(90);
    });
  });

  it('treats an operator value that makes no sense as the default, and null as no note', () => {
    expect(setup({ operatorMinutes: -5 }).clock.limitMinutes()).toBe(DEFAULT_BALANCE_MINUTES);
    expect(setup({ operatorMinutes: Number.NaN }).clock.limitMinutes()).toBe(
      DEFAULT_BALANCE_MINUTES,
    );
    expect(setup({ operatorMinutes: null }).clock.limitMinutes()).toBeNull();
    expect(setup().clock.limitMinutes()).toBe(DEFAULT_BALANCE_MINUTES);
  });

  it('starts afresh from a corrupt stored state', () => {
    const storage = new MemoryStorage();
    storage.items.set('engawa.balance', '{"date": "2026-12-10", "usedMs": "lots"');
    const { clock, time } = setup({ storage });
    clock.tick();
    run(clock, time, MINUTE);
    expect(clock.usedMs()).toBe(MINUTE);
  });

  it('counts for the page alone when storage is blocked or absent', () => {
    const storage = new MemoryStorage();
    storage.blocked = true;
    const { clock, time } = setup({ storage, operatorMinutes: 60 });
    clock.tick();
    expect(run(clock, time, 60 * MINUTE)).toBe(1);
    clock.setLimitChoice(90);
    expect(clock.limitChoice()).toBe(90);
    const bare = new BalanceClock(undefined, { now: () => time.now, days: tokyo });
    bare.tick();
    time.now += TICK;
    bare.tick();
    expect(bare.usedMs()).toBe(TICK);
  });
});
