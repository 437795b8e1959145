import { timeRange } from '../../../../client/entrance/gathering-format';
import { Translator } from '../../../../client/i18n/i18n';

/** Thursday 10 December 2026, 19:00–20:30 in Tokyo. */
const START = Date.UTC(2026, 11, 10, 10, 0);
const END = START + 90 * 60_000;

describe('a gathering’s time, on the reader’s clock', () => {
  it('reads in Japanese on Tokyo’s clock as the operator set it', () => {
    expect(timeRange(new Translator('ja'), START, END, 'Asia/Tokyo')).toBe(
      '2026年12月10日木曜日　19:00〜20:30',
    );
  });

  it('reads in English on London’s clock, nine hours earlier the same day', () => {
    const text = timeRange(new Translator('en'), START, END, 'Europe/London');
    expect(text).toContain('Thursday, December 10, 2026');
    expect(text).toMatch(/10:00\s?AM–11:30\s?AM$/);
  });

  it('falls on the day before on a clock far enough west', () => {
    // 09:00 on Thursday in Tokyo is 16:00 on Wednesday in Los Angeles.
    const morning = Date.UTC(2026, 11, 10, 0, 0);
    const text = timeRange(
      new Translator('en'),
      morning,
      morning + 3_600_000,
      'America/Los_Angeles',
    );
    expect(text).toContain('Wednesday, December 9, 2026');
    expect(text).toMatch(/4:00\s?PM–5:00\s?PM$/);
  });
});
