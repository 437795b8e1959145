/**
 * How a circle's view travels after the first time: only what changed, numbered by revision.
 * A member receives the whole view when entering or resuming (and on asking, `circle:sync`);
 * every change after that is a delta from the revision they hold to the next one. A delta
 * whose `from` is not the revision held means one went missing, and the whole view is asked
 * for again.
 */
import type { CircleView, MemberView } from './views';

/** The view's fields that a delta carries whole when they change. */
export type CircleFields = Omit<CircleView, 'members' | 'revision'>;

export interface CircleDelta {
  /** The revision this delta applies to. */
  from: number;
  /** The revision it leads to. */
  to: number;
  /** Fields that changed, each whole. */
  set?: Partial<CircleFields>;
  /** Members now shown who were not, or whose entry changed, each whole. */
  members?: MemberView[];
  /** Ids of members no longer shown. */
  gone?: string[];
}

/** What a delta does to the view a member holds. */
export type DeltaOutcome<View = CircleView> =
  | { kind: 'applied'; view: View }
  /** Already held, or older: nothing to do. */
  | { kind: 'stale' }
  /** A delta between is missing: the whole view must be fetched. */
  | { kind: 'gap' };

/** Equality of JSON values (what views are made of). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  return aKeys.every((key) => key in bRecord && sameJson(aRecord[key], bRecord[key]));
}

/** The delta that turns `before` into `after`; both must be built at the same moment. */
export function diffCircleViews(before: CircleView, after: CircleView): CircleDelta {
  const delta: CircleDelta = { from: before.revision, to: after.revision };
  const set: Partial<Record<keyof CircleFields, unknown>> = {};
  let anySet = false;
  for (const key of Object.keys(after) as (keyof CircleView)[]) {
    if (key === 'members' || key === 'revision') continue;
    if (!sameJson(before[key], after[key])) {
      set[key] = after[key];
      anySet = true;
    }
  }
  if (anySet) delta.set = set as Partial<CircleFields>;
  const { changed, gone } = diffEntries(before.members, after.members);
  if (changed.length > 0) delta.members = changed;
  if (gone.length > 0) delta.gone = gone;
  return delta;
}

/** Between two lists of entries with ids: those new or changed, and the ids of those gone. */
export function diffEntries<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
): { changed: T[]; gone: string[] } {
  const previous = new Map(before.map((entry) => [entry.id, entry]));
  const changed = after.filter((entry) => !sameJson(previous.get(entry.id), entry));
  const still = new Set(after.map((entry) => entry.id));
  const gone = before.filter((entry) => !still.has(entry.id)).map((entry) => entry.id);
  return { changed, gone };
}

/**
 * Applies a delta to the view held. Fields and members the delta leaves alone keep their
 * objects, so a reader can tell by identity what did not change.
 */
export function applyCircleDelta(view: CircleView, delta: CircleDelta): DeltaOutcome {
  if (delta.to <= view.revision) return { kind: 'stale' };
  if (delta.from !== view.revision) return { kind: 'gap' };
  let members = view.members;
  if (delta.members !== undefined || delta.gone !== undefined) {
    const gone = new Set(delta.gone);
    const replaced = new Map((delta.members ?? []).map((m) => [m.id, m]));
    const kept = view.members.filter((m) => !gone.has(m.id) && !replaced.has(m.id));
    members = [...kept, ...replaced.values()].sort((a, b) => a.seat - b.seat);
  }
  return { kind: 'applied', view: { ...view, ...delta.set, members, revision: delta.to } };
}
