/**
 * How someone takes part today, chosen before knocking and changed at any time: quieter ways
 * are as welcome as speaking. Facilitators see the choice; rounds call only those on `speak`.
 */
import { isHostRole, type Role } from './facilitation';

export const TakingPartChoices = ['present', 'listen', 'write', 'speak'] as const;
export type TakingPart = (typeof TakingPartChoices)[number];

/** A member whose browser never said (an older page) speaks, as everyone did before. */
export const DEFAULT_TAKING_PART: TakingPart = 'speak';

/** What a choice means for one member. */
export interface TakingPartPolicy {
  /** The microphone may be opened and unmuted. */
  microphone: boolean;
  /** Head and hand motion is shared; "just be here" sits still. */
  motion: boolean;
  /** Go-rounds and passes call on them; otherwise they are skipped quietly. */
  inRounds: boolean;
  /** The chat is opened for them, as their way to take part. */
  writes: boolean;
}

/**
 * The mapping is per role: a facilitator or co-facilitator keeps their microphone and motion
 * whatever they chose, because guiding the circle and keeping it safe may need a word at any
 * moment. Only `speak` puts anyone in a round.
 */
export function takingPartPolicy(choice: TakingPart, role: Role): TakingPartPolicy {
  const host = isHostRole(role);
  return {
    microphone: host || choice === 'speak',
    motion: host || choice !== 'present',
    inRounds: choice === 'speak',
    writes: choice === 'write',
  };
}

export function isTakingPart(value: unknown): value is TakingPart {
  return typeof value === 'string' && (TakingPartChoices as readonly string[]).includes(value);
}
