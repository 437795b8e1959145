import type { BarRecord, CircleRecord, MemberRecord, WaitingRecord } from './circle-record';

/**
 * A circle as the fields of one Redis hash: `core` (its settings, hands, piece and the order of
 * its lists) and one field per member (`m:<id>`), knock (`w:<id>`) and bar (`b:<id>`), each
 * JSON. A change to one member rewrites that member and `core`, not everyone.
 */
type Core = Omit<CircleRecord, 'members' | 'waiting' | 'barred'> & {
  order: { members: string[]; waiting: string[]; barred: string[] };
};

const MEMBER = 'm:';
const WAITING = 'w:';
const BAR = 'b:';
/** The store's own field: the hash's version, for compare-and-set. */
const VERSION = 'v';

export function toParts(circle: CircleRecord): Map<string, string> {
  const { members, waiting, barred, ...rest } = circle;
  const core: Core = {
    ...rest,
    order: {
      members: members.map((m) => m.id),
      waiting: waiting.map((w) => w.id),
      barred: barred.map((b) => b.id),
    },
  };
  const parts = new Map<string, string>([['core', JSON.stringify(core)]]);
  for (const m of members) parts.set(MEMBER + m.id, JSON.stringify(m));
  for (const w of waiting) parts.set(WAITING + w.id, JSON.stringify(w));
  for (const b of barred) parts.set(BAR + b.id, JSON.stringify(b));
  return parts;
}

function part(stored: Record<string, string>, field: string): unknown {
  const json = stored[field];
  if (json === undefined) throw new Error(`stored circle is missing its part ${field}`);
  return JSON.parse(json);
}

export function fromParts(stored: Record<string, string>): CircleRecord {
  // Circles stored before the waiting list had a revision of its own start it at 1.
  // (Set after the spread, it keeps its place among the fields, so an unchanged circle is
  // written back byte for byte the same, which is how the store knows to write nothing.)
  const { order, ...rest } = part(stored, 'core') as Omit<Core, 'waitingRevision'> & {
    waitingRevision?: number;
  };
  return {
    ...rest,
    waitingRevision: rest.waitingRevision ?? 1,
    members: order.members.map((id) => part(stored, MEMBER + id) as MemberRecord),
    waiting: order.waiting.map((id) => part(stored, WAITING + id) as WaitingRecord),
    barred: order.barred.map((id) => part(stored, BAR + id) as BarRecord),
  };
}

/** What to delete and what to write to turn the parts read into `next`. */
export function changedParts(
  read: Record<string, string>,
  next: Map<string, string>,
): { gone: string[]; changed: [string, string][] } {
  const gone = Object.keys(read).filter((field) => field !== VERSION && !next.has(field));
  const changed = [...next].filter(([field, json]) => read[field] !== json);
  return { gone, changed };
}
