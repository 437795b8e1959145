/**
 * How the waiting list travels to a circle's hosts: whole when they enter, become a host or ask
 * (`waiting:sync`), and after that only what changed, numbered by the list's own revision. The
 * whole list on every knock would send a room of n knocks n² entries.
 */
import { diffEntries, type DeltaOutcome } from './circle-delta';
import type { WaitingList, WaitingView } from './views';

export interface WaitingDelta {
  /** The revision this delta applies to. */
  from: number;
  /** The revision it leads to. */
  to: number;
  /** Knocks new to the list, or whose entry changed, each whole. */
  set?: WaitingView[];
  /** Ids of knocks no longer waiting (let in, declined, withdrawn). */
  gone?: string[];
}

/** The delta that turns `before` into `after`. */
export function diffWaiting(before: WaitingList, after: WaitingList): WaitingDelta {
  const delta: WaitingDelta = { from: before.revision, to: after.revision };
  const { changed, gone } = diffEntries(before.waiting, after.waiting);
  if (changed.length > 0) delta.set = changed;
  if (gone.length > 0) delta.gone = gone;
  return delta;
}

/** Applies a delta to the list held; entries it leaves alone keep their objects. */
export function applyWaitingDelta(
  list: WaitingList,
  delta: WaitingDelta,
): DeltaOutcome<WaitingList> {
  if (delta.to <= list.revision) return { kind: 'stale' };
  if (delta.from !== list.revision) return { kind: 'gap' };
  const gone = new Set(delta.gone);
  const replaced = new Map((delta.set ?? []).map((w) => [w.id, w]));
  const kept = list.waiting
    .filter((w) => !gone.has(w.id))
    .map((w) => {
      const next = replaced.get(w.id);
      replaced.delete(w.id);
      return next ?? w;
    });
  // New knocks join at the end: the list is in the order people knocked.
  const waiting = [...kept, ...replaced.values()];
  return { kind: 'applied', view: { revision: delta.to, waiting } };
}
