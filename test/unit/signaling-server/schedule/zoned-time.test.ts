import {
  addDays,
  isTimeZone,
  zonedToInstant,
  zoneOffsetMs,
} from '../../../../signaling-server/schedule/zoned-time';

const iso = (date: string, time: string, zone: string) => {
  const instant = zonedToInstant({ date, time }, zone);
  return instant === null ? null : new Date(instant).toISOString();
};

describe('wall-clock times in a zone', () => {
  it('reads Tokyo, which has no daylight saving, as UTC+9 all year', () => {
    expect(iso('2026-12-10', '19:00', 'Asia/Tokyo')).toBe('2026-12-10T10:00:00.000Z');
    expect(iso('2027-07-01', '09:30', 'Asia/Tokyo')).toBe('2027-07-01T00:30:00.000Z');
    expect(zoneOffsetMs(Date.UTC(2027, 0, 1), 'Asia/Tokyo')).toBe(9 * 3_600_000);
  });

  it('follows a zone across its daylight-saving change', () => {
    // New York moves its clocks forward on 8 March 2026 and back on 1 November 2026.
    expect(iso('2026-03-07', '19:00', 'America/New_York')).toBe('2026-03-08T00:00:00.000Z');
    expect(iso('2026-03-14', '19:00', 'America/New_York')).toBe('2026-03-14T23:00:00.000Z');
    expect(iso('2026-10-31', '19:00', 'America/New_York')).toBe('2026-10-31T23:00:00.000Z');
    expect(iso('2026-11-07', '19:00', 'America/New_York')).toBe('2026-11-08T00:00:00.000Z');
  });

  it('reads a skipped time as the same span after the change, a doubled one as the first', () => {
    expect(iso('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(iso('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it.each([
    ['2026-02-30', '19:00'],
    ['2026-13-01', '19:00'],
    ['2026-1-01', '19:00'],
    ['2026-12-10', '24:00'],
    ['2026-12-10', '19:60'],
    ['2026-12-10', '7pm'],
    ['', ''],
  ])('refuses %s %s, which is not a real date and time', (date, time) => {
    expect(zonedToInstant({ date, time }, 'Asia/Tokyo')).toBeNull();
  });

  it('steps dates on the calendar, across months, years and leap days', () => {
    expect(addDays('2026-12-29', 7)).toBe('2027-01-05');
    expect(addDays('2028-02-26', 7)).toBe('2028-03-04');
    expect(addDays('2028-02-22', 7)).toBe('2028-02-29');
  });

  it('knows a time zone from a name that is not one', () => {
    expect(isTimeZone('Asia/Tokyo')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
