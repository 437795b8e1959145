import { initialTables, shareVoice, tableCountFor } from '../../../../shared/tables/tables';

describe('tables', () => {
  it('sets out enough tables of 8 for everyone, the last of several quiet', () => {
    expect([8, 9, 16, 20, 48].map(tableCountFor)).toEqual([1, 2, 2, 3, 6]);
    expect(initialTables(8)).toEqual([{ id: 0, theme: 'talking', open: true }]);
    expect(initialTables(20).map((t) => t.theme)).toEqual(['talking', 'talking', 'quiet']);
  });

  it('shares voice in a circle always, at an event only at the same table', () => {
    const at = (table: number) => ({ table, cushion: 0 });
    expect(shareVoice(false, null, null)).toBe(true);
    expect(shareVoice(true, at(1), at(1))).toBe(true);
    expect(shareVoice(true, at(1), at(2))).toBe(false);
    expect(shareVoice(true, null, at(1))).toBe(false);
    expect(shareVoice(true, undefined, null)).toBe(false);
  });
});
