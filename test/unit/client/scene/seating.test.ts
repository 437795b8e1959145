import { listenerAt, seatingFor } from '../../../../client/scene/seating';
import { seatPose } from '../../../../client/scene/seat-layout';
import { initialTables } from '../../../../shared/tables/tables';

const distance = (a: { x: number; z: number }, b: { x: number; z: number }) =>
  Math.hypot(a.x - b.x, a.z - b.z);

describe('seatingFor', () => {
  it('seats a circle on its ring, whatever places say', () => {
    const ring = seatingFor({ kind: 'support', capacity: 6, tables: [] });
    expect(ring.tables).toBe(0);
    expect(ring.cushions()).toHaveLength(6);
    expect(ring.poseOf({ seat: 2, place: null })).toEqual(seatPose(2, 6));
    expect(ring.tableCentreOf({ seat: 2, place: { table: 0, cushion: 1 } })).toBeNull();
  });

  it('sets a 48-person event out as 6 tables of 8 cushions, apart from each other', () => {
    const seating = seatingFor({ kind: 'social', capacity: 48, tables: initialTables(48) });
    const cushions = seating.cushions();
    expect(seating.tables).toBe(6);
    expect(cushions).toHaveLength(48);
    let closest = Infinity;
    for (const [i, a] of cushions.entries()) {
      for (const b of cushions.slice(i + 1)) closest = Math.min(closest, distance(a, b));
    }
    // Room for a person on every cushion.
    expect(closest).toBeGreaterThan(0.8);
    expect(seatingFor({ kind: 'social', capacity: 48, tables: initialTables(48) }).key).toBe(
      seating.key,
    );
    expect(seatingFor({ kind: 'social', capacity: 16, tables: initialTables(16) }).key).not.toBe(
      seating.key,
    );
  });

  it('puts people at their table facing its centre, and those at none beyond every table', () => {
    const seating = seatingFor({ kind: 'social', capacity: 24, tables: initialTables(24) });
    const atTable = { seat: 5, place: { table: 2, cushion: 3 } };
    const centre = seating.tableCentreOf(atTable);
    if (!centre) throw new Error('no table centre');
    const pose = seating.poseOf(atTable);
    expect(distance(pose, centre)).toBeCloseTo(1.5, 5);
    const ears = listenerAt(pose);
    // Looking at the table's centre.
    const ahead = { x: pose.x + ears.forward.x * 1.5, z: pose.z + ears.forward.z * 1.5 };
    expect(distance(ahead, centre)).toBeLessThan(1e-6);

    const away = seating.poseOf({ seat: 5, place: null });
    const farthestCushion = Math.max(...seating.cushions().map((c) => Math.hypot(c.x, c.z)));
    expect(Math.hypot(away.x, away.z)).toBeGreaterThan(farthestCushion + 1);
    expect(seating.tableCentreOf({ seat: 5, place: null })).toBeNull();
    // Two cushions of one table are nearer each other than to any other table's cushion.
    const mate = seating.poseOf({ seat: 6, place: { table: 2, cushion: 7 } });
    const other = seating.poseOf({ seat: 7, place: { table: 1, cushion: 7 } });
    expect(distance(pose, mate)).toBeLessThan(distance(pose, other));
  });
});
