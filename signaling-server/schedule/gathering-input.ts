import { checkRules, checkTitle, checkTopic } from '../../shared/circle/display-text';
import { Schedule, seatsRangeFor } from '../../shared/gathering/gathering';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { ParsedInput } from '../../shared/protocol/client-events';
import { accepted } from '../circles/circle-input';
import type { GatheringRecord } from './gathering-record';
import { occurrencesOf } from './occurrences';
import { zonedToInstant } from './zoned-time';

type Fields = Omit<ParsedInput<'gathering:schedule'>, 'facilitatorKey'>;

/** What a facilitator set, checked: the part of a gathering record its form decides. */
export type GatheringSetup = Pick<
  GatheringRecord,
  | 'kind'
  | 'title'
  | 'topic'
  | 'language'
  | 'rules'
  | 'shareTimeS'
  | 'pieceMode'
  | 'seats'
  | 'listed'
  | 'waitingRoom'
  | 'date'
  | 'time'
  | 'durationMin'
  | 'weeks'
>;

/**
 * Checks a gathering's form in the order the protocol documents: text, then time, then length
 * and repeats. `previous` is the gathering being edited: a start that is not moved may already
 * be past (a weekly gathering under way), a moved one may not.
 */
export function readGatheringSetup(
  input: Fields,
  context: { zone: string; now: number; previous?: GatheringRecord },
): GatheringSetup {
  const title = accepted(checkTitle(input.title));
  const topic =
    input.topic === undefined || input.topic.trim() === ''
      ? null
      : accepted(checkTopic(input.topic));
  const rules = checkRules(input.rules);
  if (!rules.ok) throw EngawaError.of(rules.code);

  const start = zonedToInstant({ date: input.date, time: input.time }, context.zone);
  if (start === null || start > context.now + Schedule.aheadMaxDays * 86_400_000) {
    throw EngawaError.of(ErrorCode.TimeInvalid);
  }
  const moved =
    context.previous === undefined ||
    context.previous.date !== input.date ||
    context.previous.time !== input.time;
  if (moved && start <= context.now) throw EngawaError.of(ErrorCode.StartInPast);
  if (input.durationMin < Schedule.durationMinMin || input.durationMin > Schedule.durationMaxMin) {
    throw EngawaError.of(ErrorCode.DurationInvalid);
  }
  if (input.weeks > Schedule.weeksMax) throw EngawaError.of(ErrorCode.RepeatInvalid);
  const oneToOne = input.kind === 'oneToOne';
  const social = input.kind === 'social';
  const seats = seatsRangeFor(input.kind);
  if (input.seats < seats.min || input.seats > seats.max) {
    throw EngawaError.of(ErrorCode.SeatsInvalid);
  }

  const setup: GatheringSetup = {
    kind: input.kind,
    title,
    topic,
    language: input.language,
    rules: rules.value,
    shareTimeS: input.shareTimeS,
    // A one-to-one session has no talking piece, and is never on the entrance; people drop in
    // and out of a social event's tables, with no rounds to keep.
    pieceMode: oneToOne || social ? 'none' : input.pieceMode,
    seats: input.seats,
    listed: oneToOne ? false : input.listed,
    // Only a drop-in social event may do without one; anything else always has its door kept.
    waitingRoom: social ? input.waitingRoom !== false : true,
    date: input.date,
    time: input.time,
    durationMin: input.durationMin,
    weeks: input.weeks,
  };
  // Weeks that fall on a wall time the zone skips still count; none may vanish entirely.
  if (occurrencesOf({ ...setup, zone: context.zone }).length !== setup.weeks) {
    throw EngawaError.of(ErrorCode.TimeInvalid);
  }
  return setup;
}
