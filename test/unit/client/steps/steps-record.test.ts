import {
  MAX_VISITS,
  isLocalDate,
  localDate,
  parseStepsRecord,
  salvageRecord,
  serializeRecord,
} from '../../../../client/steps/steps-record';

describe('isLocalDate', () => {
  it.each(['2026-12-10', '2028-02-29', '2000-01-01', '2026-01-31'])('accepts %s', (date) => {
    expect(isLocalDate(date)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-12-00',
    '2026-12-1',
    '1999-12-31',
    ' 2026-12-10',
    '2026-12-10T00:00',
    20261210,
    null,
  ])('refuses %p', (date) => {
    expect(isLocalDate(date)).toBe(false);
  });
});

describe('localDate', () => {
  it('is the date on the local clock, zero-padded', () => {
    expect(localDate(new Date(2027, 0, 5, 23, 59))).toBe('2027-01-05');
  });
});

describe('parseStepsRecord', () => {
  it('reads back what serializeRecord wrote', () => {
    const record = {
      visits: [
        { kind: 'support', date: '2026-12-10' },
        { kind: 'social', date: '2026-12-12' },
      ] as const,
      firsts: { socialEvent: '2026-12-12', wrote: '2026-12-10' },
    };
    expect(parseStepsRecord(serializeRecord(record))).toEqual(record);
  });

  it.each([null, undefined, '', 'undefined', '{', '[]'])('reads %p as empty', (text) => {
    expect(parseStepsRecord(text)).toEqual({ visits: [], firsts: {} });
  });

  it('keeps the most recent valid visits of a very long list', () => {
    const visits = Array.from({ length: MAX_VISITS * 3 }, (_, i) =>
      i % 2 === 0
        ? { kind: 'support', date: `2026-12-${String((i % 28) + 1).padStart(2, '0')}` }
        : 'x',
    );
    const last = visits.at(-2);
    const record = salvageRecord({ visits });
    expect(record.visits).toHaveLength(MAX_VISITS);
    expect(record.visits.at(-1)).toEqual(last);
  });
});
