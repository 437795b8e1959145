import type { Occurrence } from '../../shared/gathering/gathering';
import type { GatheringRecord } from './gathering-record';
import { addDays, zonedToInstant } from './zoned-time';

type Timing = Pick<GatheringRecord, 'date' | 'time' | 'zone' | 'durationMin' | 'weeks'>;

/** Every time a gathering happens, in order: the same wall time each week, in its zone. */
export function occurrencesOf(gathering: Timing): Occurrence[] {
  const times: Occurrence[] = [];
  for (let week = 0; week < gathering.weeks; week++) {
    const startsAt = zonedToInstant(
      { date: addDays(gathering.date, week * 7), time: gathering.time },
      gathering.zone,
    );
    if (startsAt === null) continue;
    times.push({ startsAt, endsAt: startsAt + gathering.durationMin * 60_000 });
  }
  return times;
}

/** The times not yet over at `now`: the one in progress, if any, first. */
export function upcomingOf(gathering: Timing, now: number): Occurrence[] {
  return occurrencesOf(gathering).filter((o) => o.endsAt > now);
}
