import { EngawaError } from '../../../../shared/protocol/errors';
import { readGatheringSetup } from '../../../../signaling-server/schedule/gathering-input';
import { gatheringRecord } from './fixtures';

const NOW = Date.UTC(2026, 11, 3, 0, 0); // 3 December 2026, 09:00 in Tokyo
const zone = 'Asia/Tokyo';

const form = (change: Record<string, unknown> = {}) => ({
  kind: 'family' as const,
  title: '  家族の会  ',
  language: 'both' as const,
  date: '2026-12-10',
  time: '19:00',
  durationMin: 90,
  weeks: 4,
  seats: 8,
  rules: ['やさしく', '', '話したくないことは話さなくていい'],
  shareTimeS: 180,
  pieceMode: 'gentle' as const,
  listed: true,
  ...change,
});

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof EngawaError) return error.code;
    throw error;
  }
  throw new Error('expected an error');
}

describe('a gathering’s form', () => {
  it('is normalised as everyone will see it', () => {
    const setup = readGatheringSetup(form(), { zone, now: NOW });
    expect(setup).toMatchObject({
      title: '家族の会',
      topic: null,
      rules: ['やさしく', '話したくないことは話さなくていい'],
      weeks: 4,
    });
  });

  it.each([
    ['a title of invisible characters', { title: '\u200b\u3000\u200b' }, 'title_invalid'],
    ['a topic of only spaces made of zero-width joiners', { topic: '\u200d' }, 'topic_invalid'],
    ['no rules', { rules: ['  '] }, 'rules_invalid'],
    ['30 February', { date: '2026-02-30' }, 'time_invalid'],
    ['a time past midnight', { time: '25:00' }, 'time_invalid'],
    ['more than a year ahead', { date: '2028-01-01' }, 'time_invalid'],
    ['a start in the past', { date: '2026-12-02' }, 'start_in_past'],
    ['a start earlier today', { date: '2026-12-03', time: '08:59' }, 'start_in_past'],
    ['a duration over 4 hours', { durationMin: 241 }, 'duration_invalid'],
    ['a duration under 15 minutes', { durationMin: 10 }, 'duration_invalid'],
    ['a weekly gathering scheduled 1,000 times', { weeks: 1_000 }, 'repeat_invalid'],
    ['27 weeks', { weeks: 27 }, 'repeat_invalid'],
  ])('refuses %s', (_, change, code) => {
    expect(errorOf(() => readGatheringSetup(form(change), { zone, now: NOW }))).toBe(code);
  });

  it('accepts the limits themselves: 15 minutes, 4 hours, 26 weeks', () => {
    for (const change of [{ durationMin: 15 }, { durationMin: 240 }, { weeks: 26 }]) {
      expect(() => readGatheringSetup(form(change), { zone, now: NOW })).not.toThrow();
    }
  });

  it('lets an edit keep a start already past, but not move one into the past', () => {
    const previous = gatheringRecord({ date: '2026-11-26', time: '19:00' });
    const keep = form({ date: '2026-11-26', time: '19:00', title: '新しい名前' });
    expect(readGatheringSetup(keep, { zone, now: NOW, previous }).title).toBe('新しい名前');
    const moved = form({ date: '2026-11-27', time: '19:00' });
    expect(errorOf(() => readGatheringSetup(moved, { zone, now: NOW, previous }))).toBe(
      'start_in_past',
    );
  });
});
