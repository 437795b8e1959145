import type { VisitKind } from '../steps/steps-record';
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
  const stopFollowing = store.subscribe((stay, change) => {
    if (stay.phase !== 'circle') return;
    if (change.kind === 'entered') countVisit(deps, stay.circle.code, stay.circle.kind);
    if (change.kind === 'chat' && change.added.from === stay.selfId) steps.recordFirst('wrote');
    if (stay.circle.piece.holder === stay.selfId) steps.recordFirst('shared');
  });
  const stopListening = deps.onSpeaking((memberId, speaking) => {
    const selfId = store.inCircle?.selfId;
    if (speaking && memberId === selfId) steps.recordFirst('spoke');
  });
  return () => {
    stopFollowing();
    stopListening();
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
