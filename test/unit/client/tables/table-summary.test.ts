import { isTableTheme, summarizeTables } from '../../../../client/tables/table-summary';
import type { MemberView } from '../../../../shared/circle/views';
import { Tables, initialTables } from '../../../../shared/tables/tables';
import { circle, member } from '../facilitation/fixtures';

/** A social event of 24 seats: three tables, the last one quiet. */
function event(members: MemberView[], tables = initialTables(24)) {
  return circle({ kind: 'social', pieceMode: 'none', capacity: 24, members, tables });
}

function at(table: number, cushion: number): Pick<MemberView, 'place'> {
  return { place: { table, cushion } };
}

/** Everyone at one table, filling it. */
function fill(table: number, prefix: string): MemberView[] {
  return Array.from({ length: Tables.cushions }, (_, cushion) =>
    member(`${prefix}${cushion}`, at(table, cushion)),
  );
}

const none: ReadonlySet<string> = new Set();

describe('summarizeTables', () => {
  it('lists every table in order, numbered from 1 for people, with its theme and room', () => {
    const summary = summarizeTables(event([member('me')]), 'me', none);
    expect(summary.mine).toBeNull();
    expect(
      summary.tables.map(({ id, number, theme, taken, seat }) => ({
        id,
        number,
        theme,
        taken,
        seat,
      })),
    ).toEqual([
      { id: 0, number: 1, theme: 'talking', taken: 0, seat: 'free' },
      { id: 1, number: 2, theme: 'talking', taken: 0, seat: 'free' },
      { id: 2, number: 3, theme: 'quiet', taken: 0, seat: 'free' },
    ]);
    expect(summary.tables.every((t) => t.cushions === Tables.cushions)).toBe(true);
  });

  it('names who sits at each table, in cushion order', () => {
    const summary = summarizeTables(
      event([member('me'), member('b', at(1, 5)), member('a', at(1, 2)), member('c', at(0, 0))]),
      'me',
      none,
    );
    expect(summary.tables[1]?.sitters).toEqual([
      { id: 'a', name: 'name-a' },
      { id: 'b', name: 'name-b' },
    ]);
    expect(summary.tables[1]?.taken).toBe(2);
    expect(summary.tables[0]?.sitters.map((s) => s.id)).toEqual(['c']);
    expect(summary.tables[2]?.sitters).toEqual([]);
  });

  it('marks the member’s own table as here, and no other', () => {
    const summary = summarizeTables(
      event([member('me', at(2, 3)), member('x', at(0, 1))]),
      'me',
      none,
    );
    expect(summary.mine).toBe(2);
    expect(summary.tables.map((t) => t.seat)).toEqual(['free', 'free', 'here']);
    expect(summary.tables[2]?.sitters.map((s) => s.id)).toEqual(['me']);
  });

  it('says a table with every cushion taken is full, for hosts as well', () => {
    const members = [member('me'), member('host', { role: 'facilitator' }), ...fill(0, 'p')];
    const asMember = summarizeTables(event(members), 'me', none);
    expect(asMember.tables[0]).toMatchObject({ taken: Tables.cushions, seat: 'full' });
    expect(asMember.tables[1]?.seat).toBe('free');
    expect(summarizeTables(event(members), 'host', none).tables[0]?.seat).toBe('full');
  });

  it('keeps a full table as here for someone sitting at it', () => {
    const members = fill(0, 'p');
    expect(summarizeTables(event(members), 'p4', none).tables[0]?.seat).toBe('here');
  });

  it('closes a closed table to members, but hosts may still sit there', () => {
    const tables = initialTables(24).map((t) => (t.id === 1 ? { ...t, open: false } : t));
    const members = [member('me'), member('co', { role: 'cofacilitator' })];
    const asMember = summarizeTables(event(members, tables), 'me', none);
    expect(asMember.tables[1]).toMatchObject({ open: false, seat: 'closed' });
    expect(asMember.tables[0]).toMatchObject({ open: true, seat: 'free' });
    const asHost = summarizeTables(event(members, tables), 'co', none);
    expect(asHost.tables[1]).toMatchObject({ open: false, seat: 'free' });
  });

  it('keeps someone at a closed table there', () => {
    const tables = initialTables(24).map((t) => ({ ...t, open: false }));
    const summary = summarizeTables(event([member('me', at(0, 0))], tables), 'me', none);
    expect(summary.tables.map((t) => t.seat)).toEqual(['here', 'closed', 'closed']);
  });

  it('leaves out the names of people this member blocked, though their cushion is taken', () => {
    const summary = summarizeTables(
      event([member('me', at(0, 0)), member('blocked', at(0, 1)), member('friend', at(0, 2))]),
      'me',
      new Set(['blocked']),
    );
    expect(summary.tables[0]?.sitters.map((s) => s.id)).toEqual(['me', 'friend']);
    expect(summary.tables[0]?.taken).toBe(3);
  });

  it('counts a table taken only by blocked people as not empty, with no names', () => {
    const summary = summarizeTables(
      event([member('me'), member('blocked', at(1, 0))]),
      'me',
      new Set(['blocked']),
    );
    expect(summary.tables[1]).toMatchObject({ taken: 1, sitters: [] });
  });

  it('gives hosts the table controls, and participants not', () => {
    const members = [
      member('f', { role: 'facilitator' }),
      member('co', { role: 'cofacilitator' }),
      member('p'),
    ];
    expect(summarizeTables(event(members), 'f', none).hosting).toBe(true);
    expect(summarizeTables(event(members), 'co', none).hosting).toBe(true);
    expect(summarizeTables(event(members), 'p', none).hosting).toBe(false);
    // Someone the view does not know (just left) gets no controls.
    expect(summarizeTables(event(members), 'gone', none).hosting).toBe(false);
  });

  it('has no tables for a circle, which has none', () => {
    expect(summarizeTables(circle({ members: [member('me')] }), 'me', none)).toEqual({
      tables: [],
      mine: null,
      hosting: false,
    });
  });
});

describe('isTableTheme', () => {
  it('accepts the shared themes and nothing else', () => {
    expect(['talking', 'quiet', 'game'].every(isTableTheme)).toBe(true);
    expect(['', 'Talking', 'loud', '__proto__'].some(isTableTheme)).toBe(false);
  });
});
