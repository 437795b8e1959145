import * as roles from '../../../../signaling-server/circles/roles';
import * as tables from '../../../../signaling-server/tables/table-rules';
import type { CircleRecord } from '../../../../signaling-server/circles/circle-record';
import { initialTables } from '../../../../shared/tables/tables';
import { newCircle, refuses, seat, T0 } from '../circles/fixtures';

/** A social event of `capacity` with the host `fac` and members `m0`… at no table yet. */
function socialEvent(capacity: number, members: number): CircleRecord {
  const circle = newCircle(capacity);
  circle.kind = 'social';
  circle.tables = initialTables(capacity);
  for (let i = 0; i < members; i++) seat(circle, `m${i}`);
  return circle;
}

const placeOf = (circle: CircleRecord, id: string) =>
  circle.members.find((m) => m.id === id)?.place ?? null;

describe('sitting at a table', () => {
  it('takes the first free cushion, or the one asked for, and says when nothing changed', () => {
    const circle = socialEvent(24, 3);
    expect(tables.sitAt(circle, 'm0', 1)).toBe(true);
    expect(placeOf(circle, 'm0')).toEqual({ table: 1, cushion: 0 });
    expect(tables.sitAt(circle, 'm1', 1, 5)).toBe(true);
    expect(tables.sitAt(circle, 'm2', 1)).toBe(true);
    expect(placeOf(circle, 'm2')).toEqual({ table: 1, cushion: 1 });
    const revision = circle.revision;
    expect(tables.sitAt(circle, 'm1', 1)).toBe(false);
    expect(circle.revision).toBe(revision);
    expect(placeOf(circle, 'm1')).toEqual({ table: 1, cushion: 5 });
  });

  it('moves between tables and cushions, freeing the old cushion for someone else', () => {
    const circle = socialEvent(16, 2);
    tables.sitAt(circle, 'm0', 0, 3);
    tables.sitAt(circle, 'm0', 1);
    expect(placeOf(circle, 'm0')).toEqual({ table: 1, cushion: 0 });
    tables.sitAt(circle, 'm1', 0, 3);
    expect(placeOf(circle, 'm1')).toEqual({ table: 0, cushion: 3 });
    tables.sitAt(circle, 'm0', 1, 6);
    expect(placeOf(circle, 'm0')).toEqual({ table: 1, cushion: 6 });
  });

  it('refuses a full table, a taken cushion and a missing table, changing nothing', () => {
    const circle = socialEvent(16, 9);
    for (let i = 0; i < 8; i++) tables.sitAt(circle, `m${i}`, 0);
    refuses(circle, 'table_full', () => tables.sitAt(circle, 'm8', 0));
    tables.sitAt(circle, 'm8', 1, 2);
    refuses(circle, 'cushion_taken', () => tables.sitAt(circle, 'm0', 1, 2));
    refuses(circle, 'table_not_found', () => tables.sitAt(circle, 'm0', 2));
    refuses(circle, 'not_in_circle', () => tables.sitAt(circle, 'nobody', 1));
    // Someone at a full table may still change cushion there: their own counts as free.
    tables.leaveTable(circle, 'm7');
    tables.sitAt(circle, 'm0', 0, 7);
    expect(placeOf(circle, 'm0')).toEqual({ table: 0, cushion: 7 });
  });

  it('never seats more than a table has cushions, however many ask', () => {
    const circle = socialEvent(48, 47);
    const refusals = [];
    for (let i = 0; i < 47; i++) {
      try {
        tables.sitAt(circle, `m${i}`, 2);
      } catch {
        refusals.push(i);
      }
    }
    expect(circle.members.filter((m) => m.place?.table === 2)).toHaveLength(8);
    expect(refusals).toHaveLength(39);
  });

  it('is refused outside a social event', () => {
    const circle = newCircle();
    seat(circle, 'a');
    refuses(circle, 'not_a_social_event', () => tables.sitAt(circle, 'a', 0));
    refuses(circle, 'not_a_social_event', () => tables.leaveTable(circle, 'a'));
    refuses(circle, 'not_a_social_event', () => tables.changeTable(circle, 'fac', 0, {}));
  });
});

describe('somewhere quiet', () => {
  it('is a quiet table first, then the emptiest, then the lowest number, and only with room', () => {
    const circle = socialEvent(24, 20);
    // Tables 0 and 1 talk; table 2 is quiet.
    expect(tables.quietestTable(circle, 'm0')).toBe(2);
    for (let i = 0; i < 8; i++) tables.sitAt(circle, `m${i}`, 2);
    tables.sitAt(circle, 'm8', 0);
    expect(tables.quietestTable(circle, 'm9')).toBe(1);
    tables.sitAt(circle, 'm9', 1);
    expect(tables.quietestTable(circle, 'm10')).toBe(0);
    tables.sitAt(circle, 'm10', 'quiet');
    expect(placeOf(circle, 'm10')).toEqual({ table: 0, cushion: 1 });
  });

  it('skips closed tables, and says so kindly when every open table is full', () => {
    const circle = socialEvent(16, 10);
    tables.changeTable(circle, 'fac', 1, { open: false });
    for (let i = 0; i < 8; i++) tables.sitAt(circle, `m${i}`, 'quiet');
    expect(circle.members.filter((m) => m.place?.table === 0)).toHaveLength(8);
    refuses(circle, 'table_full', () => tables.sitAt(circle, 'm8', 'quiet'));
  });
});

describe('getting up', () => {
  it('leaves the member at no table, once', () => {
    const circle = socialEvent(8, 1);
    tables.sitAt(circle, 'm0', 0);
    expect(tables.leaveTable(circle, 'm0')).toBe(true);
    expect(placeOf(circle, 'm0')).toBeNull();
    expect(tables.leaveTable(circle, 'm0')).toBe(false);
  });
});

describe('a host setting tables out', () => {
  it('opens, closes and sets a theme; only a host may', () => {
    const circle = socialEvent(16, 2);
    refuses(circle, 'not_facilitator', () => tables.changeTable(circle, 'm0', 0, { open: false }));
    expect(tables.changeTable(circle, 'fac', 0, { open: false, theme: 'game' })).toBe(true);
    expect(circle.tables?.[0]).toEqual({ id: 0, theme: 'game', open: false });
    expect(tables.changeTable(circle, 'fac', 0, { theme: 'game' })).toBe(false);
    refuses(circle, 'table_not_found', () => tables.changeTable(circle, 'fac', 5, { open: true }));
    roles.setRole(circle, 'fac', 'm1', 'cofacilitator', T0);
    expect(tables.changeTable(circle, 'm1', 0, { open: true })).toBe(true);
  });

  it('keeps a closed table to its hosts, while those already there stay', () => {
    const circle = socialEvent(16, 3);
    tables.sitAt(circle, 'm0', 1);
    tables.changeTable(circle, 'fac', 1, { open: false });
    expect(placeOf(circle, 'm0')).toEqual({ table: 1, cushion: 0 });
    refuses(circle, 'table_closed', () => tables.sitAt(circle, 'm1', 1));
    expect(tables.sitAt(circle, 'fac', 1)).toBe(true);
  });
});
