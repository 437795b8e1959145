import { gardenEntries } from '../../../../client/steps/steps-screen';

describe('gardenEntries', () => {
  it('puts every visit and first in date order, a day’s gathering before its firsts', () => {
    const entries = gardenEntries({
      visits: [
        { kind: 'support', date: '2026-12-03' },
        { kind: 'social', date: '2026-12-10' },
        { kind: 'family', date: '2026-12-01' },
      ],
      firsts: { outside: '2026-12-05', socialEvent: '2026-12-10', stayedToEnd: '2026-12-03' },
    });
    expect(entries.map((entry) => (entry.type === 'visit' ? entry.kind : entry.step))).toEqual([
      'family',
      'support',
      'stayedToEnd',
      'outside',
      'social',
      'socialEvent',
    ]);
  });

  it('is empty for an empty record', () => {
    expect(gardenEntries({ visits: [], firsts: {} })).toEqual([]);
  });
});
