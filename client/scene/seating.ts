import type { GatheringKind } from '../../shared/gathering/gathering';
import { Tables, type TablePlace, type TableView } from '../../shared/tables/tables';
import type { ListenerPose } from '../voice/spatial-audio';
import { ringRadius, SEATED_EYE_HEIGHT_M, seatPose, type SeatPose } from './seat-layout';

/** What a layout needs to know of a member to seat them. */
export interface SeatedMember {
  seat: number;
  place: TablePlace | null;
}

/**
 * How a gathering's cushions are set out: one ring round the lantern for a circle, or a ring
 * of small tables round it for a social event. Everything placed at a seat (avatars, voices,
 * the viewer, cushions) asks the same layout, so a move puts sight and sound in one place.
 */
export interface Seating {
  /** Changes only when the layout does. */
  readonly key: string;
  /** How many tables (0 for a circle's ring). */
  readonly tables: number;
  poseOf(member: SeatedMember): SeatPose;
  /** Every cushion to draw. */
  cushions(): SeatPose[];
  /** Where a member's table stands, or null in a circle and at no table. */
  tableCentreOf(member: SeatedMember): { x: number; z: number } | null;
  /** Where a table stands, or null for no such table. */
  centreOf(table: number): { x: number; z: number } | null;
}

/** Room for a table's ring of cushions and the people sitting on them, between tables. */
const TABLE_SPACING_M = 4.6;
const TABLES_MIN_RADIUS_M = 3.6;
/** Beyond the tables, where people who sit at none wait, looking in. */
const EDGE_BEYOND_TABLES_M = 2.6;

function ringSeating(capacity: number): Seating {
  const poses = Array.from({ length: capacity }, (_, seat) => seatPose(seat, capacity));
  return {
    key: `ring/${capacity}`,
    tables: 0,
    poseOf: (member) => poses[member.seat] ?? seatPose(member.seat, capacity),
    cushions: () => poses,
    tableCentreOf: () => null,
    centreOf: () => null,
  };
}

/** A ring of `count` around a centre, each facing it. */
function aroundCentre(index: number, count: number, radius: number, centre = { x: 0, z: 0 }) {
  const angle = (index / count) * 2 * Math.PI;
  const x = centre.x + Math.sin(angle) * radius;
  const z = centre.z - Math.cos(angle) * radius;
  return { x, z, yaw: Math.atan2(centre.x - x, centre.z - z) };
}

function tableSeating(capacity: number, tables: readonly TableView[]): Seating {
  const count = tables.length;
  const ringOfTables = Math.max(TABLES_MIN_RADIUS_M, (count * TABLE_SPACING_M) / (2 * Math.PI));
  const centres = tables.map((_, id) => {
    const { x, z } = aroundCentre(id, count, ringOfTables);
    return { x, z };
  });
  const cushionRadius = ringRadius(Tables.cushions);
  const atTable = (table: number, cushion: number): SeatPose => {
    const centre = centres[table] ?? { x: 0, z: 0 };
    return aroundCentre(cushion, Tables.cushions, cushionRadius, centre);
  };
  const edge = ringOfTables + cushionRadius + EDGE_BEYOND_TABLES_M;
  const poses = centres.flatMap((_, table) =>
    Array.from({ length: Tables.cushions }, (__, cushion) => atTable(table, cushion)),
  );
  return {
    key: `tables/${count}/${capacity}`,
    tables: count,
    poseOf: (member) =>
      member.place
        ? atTable(member.place.table, member.place.cushion)
        : aroundCentre(member.seat, capacity, edge),
    cushions: () => poses,
    tableCentreOf: (member) => (member.place ? (centres[member.place.table] ?? null) : null),
    centreOf: (table) => centres[table] ?? null,
  };
}

interface SeatingInput {
  kind: GatheringKind;
  capacity: number;
  tables: readonly TableView[];
}

/**
 * The last layout made, and what it was made from. Voice, the 3D view and the far tables each
 * ask on every change of the circle; a view that applies a delta keeps its `tables` array when
 * they did not change, so all of them share one layout until the tables change.
 */
let last: { input: SeatingInput; seating: Seating } | undefined;

export function seatingFor(view: SeatingInput): Seating {
  if (
    last &&
    last.input.kind === view.kind &&
    last.input.capacity === view.capacity &&
    last.input.tables === view.tables
  ) {
    return last.seating;
  }
  const seating =
    view.kind === 'social' && view.tables.length > 0
      ? tableSeating(view.capacity, view.tables)
      : ringSeating(view.capacity);
  last = { input: { kind: view.kind, capacity: view.capacity, tables: view.tables }, seating };
  return seating;
}

/** Ears at a seat, looking where the seat faces: where the simple view places the listener. */
export function listenerAt(pose: SeatPose): ListenerPose {
  return {
    position: { x: pose.x, y: SEATED_EYE_HEIGHT_M, z: pose.z },
    forward: { x: Math.sin(pose.yaw), y: 0, z: Math.cos(pose.yaw) },
    up: { x: 0, y: 1, z: 0 },
  };
}
