import type { FirstStep, VisitKind } from '../steps/steps-record';
import type { StepsStore } from '../steps/steps-store';
import type { StayStore } from '../stay/stay-store';

/** The circle this tab last counted as a visit, so a reload in the same circle is not another. */
const VISIT_KEY = 'engawa.stepsVisit';

export interface StepsRecordingDeps {
  store: StayStore;
  steps: StepsStore;
  /** Someone started or stopped speaking (this member included). */
  onSpeaking(listener: (memberId: string, speaking: boolean) => void): () => void;
  /** This tab's storage, surviving a reload; absent where storage is blocked. */
  session: Storage | undefined;
}

/**
 * Notes this person's own steps in "Your steps" as they happen: coming to a gathering, writing,
 * speaking and holding the talking piece for the first time. Only facts about themselves, with
 * dates; never who else was there or what was said. Staying to the end is noted by the caller,
 * who knows how a stay ended.
 */
export function recordSteps(deps: StepsRecordingDeps): () => void {
  const { store, steps } = deps;
  // Firsts already in the record need no second look at storage on every change or word.
  const noted = new Set<FirstStep>();
  const note = (step: FirstStep): void => {
    if (noted.has(step)) return;
    steps.recordFirst(step);
    noted.add(step);
  };
  const stopFollowing = store.subscribe((stay, change) => {
    if (stay.phase !== 'circle') return;
    if (change.kind === 'entered') countVisit(deps, stay.circle.code, stay.circle.kind);
    if (change.kind === 'chat' && change.added.from === stay.selfId) note('wrote');
    if (stay.circle.piece.holder === stay.selfId) note('shared');
  });
  const stopListening = deps.onSpeaking((memberId, speaking) => {
    const selfId = store.inCircle?.selfId;
    if (speaking && memberId === selfId) note('spoke');
  });
  // Erased on this page: every first can be made again.
  const stopWatching = steps.changed.on(() => {
    const firsts = steps.read().firsts;
    for (const step of noted) if (!(step in firsts)) noted.delete(step);
  });
  return () => {
    stopFollowing();
    stopListening();
    stopWatching();
  };
}

function countVisit(deps: StepsRecordingDeps, code: string, kind: VisitKind): void {
  try {
    if (deps.session?.getItem(VISIT_KEY) === code) return;
    deps.session?.setItem(VISIT_KEY, code);
  } catch {
    // Storage blocked: a reload may count the same gathering again, which harms nobody.
  }
  deps.steps.recordVisit(kind);
}
