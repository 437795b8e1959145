/**
 * Named moments on the way into a circle (knocked, ready while waiting, let in, seated, voice
 * started, each link's steps, the 3D view shown), as User Timing marks. They stay in this page:
 * the voice bench reads them to break the time from "Admit" to hearing everyone into its steps.
 */
export type Step =
  | 'knocked'
  | 'voice-prepared'
  | 'scene-built'
  | 'admitted'
  | 'entered'
  | 'circle-shown'
  | 'voice-started'
  | 'link-opened'
  | 'offer-sent'
  | 'answer-received'
  | 'offer-received'
  | 'answer-sent'
  | 'peer-track'
  | 'peer-connected'
  | 'circle-heard'
  | 'scene-loading'
  | 'scene-shown';

const PREFIX = 'engawa:';

export function markStep(step: Step, memberId?: string): void {
  try {
    performance.mark(PREFIX + step, memberId === undefined ? undefined : { detail: { memberId } });
  } catch {
    // Timing is only ever a diagnostic; a browser without User Timing Level 3 goes without.
  }
}

/** Forgets the marks of an earlier entry, so a second stay starts its timeline afresh. */
export function clearSteps(): void {
  for (const entry of performance.getEntriesByType('mark')) {
    if (entry.name.startsWith(PREFIX)) performance.clearMarks(entry.name);
  }
}
