import { occurrencesOf, upcomingOf } from '../../../../signaling-server/schedule/occurrences';
import { gatheringRecord } from './fixtures';

const hours = (ms: number) => ms / 3_600_000;

/** Hours from each start to the next. */
function gaps(times: { startsAt: number }[]): number[] {
  return times.slice(1).map((time, i) => hours(time.startsAt - (times[i]?.startsAt ?? 0)));
}

function firstTwo<T>(items: T[]): [T, T] {
  const [a, b] = items;
  if (a === undefined || b === undefined) throw new Error('expected two');
  return [a, b];
}

describe('a gathering’s times', () => {
  it('repeats weekly on the same weekday and wall time', () => {
    const times = occurrencesOf(gatheringRecord());
    expect(times.map((t) => new Date(t.startsAt).toISOString())).toEqual([
      '2026-12-10T10:00:00.000Z',
      '2026-12-17T10:00:00.000Z',
      '2026-12-24T10:00:00.000Z',
      '2026-12-31T10:00:00.000Z',
    ]);
    expect(times.every((t) => hours(t.endsAt - t.startsAt) === 1.5)).toBe(true);
  });

  it('stays at 19:00 local across a daylight-saving change, so one week is 167 hours', () => {
    const times = occurrencesOf(
      gatheringRecord({ zone: 'Europe/Berlin', date: '2027-03-18', weeks: 3 }),
    );
    // Berlin moves to summer time on 28 March 2027.
    expect(times.map((t) => new Date(t.startsAt).toISOString())).toEqual([
      '2027-03-18T18:00:00.000Z',
      '2027-03-25T18:00:00.000Z',
      '2027-04-01T17:00:00.000Z',
    ]);
    expect(gaps(times)).toEqual([168, 167]);
  });

  it('once is once', () => {
    expect(occurrencesOf(gatheringRecord({ weeks: 1 }))).toHaveLength(1);
  });

  it('keeps, as upcoming, the time in progress and those after it', () => {
    const [first, second] = firstTwo(occurrencesOf(gatheringRecord()));
    const during = first.startsAt + 30 * 60_000;
    expect(upcomingOf(gatheringRecord(), during)[0]).toEqual(first);
    expect(upcomingOf(gatheringRecord(), first.endsAt)[0]).toEqual(second);
    expect(upcomingOf(gatheringRecord(), Date.UTC(2027, 0, 1))).toEqual([]);
  });
});
