import {
  Schedule,
  type EntranceItem,
  type GatheringState,
  type GatheringView,
  type Occurrence,
  type OwnGathering,
} from '../../shared/gathering/gathering';
import type { GatheringRecord } from './gathering-record';
import { upcomingOf } from './occurrences';

/** How the open room of a gathering stands, read from the circle store. */
export interface RoomNow {
  /** Which time it was opened for. */
  startsAt: number;
  code: string;
  membersIn: number;
}

function stateOf(
  gathering: GatheringRecord,
  next: Occurrence | undefined,
  room: RoomNow | null,
  now: number,
): GatheringState {
  if (gathering.cancelledAt !== null) return 'cancelled';
  if (!next) return 'over';
  if (now < next.startsAt - Schedule.joinOpensBeforeMs) return 'upcoming';
  return room?.startsAt === next.startsAt ? 'open' : 'waiting_for_host';
}

/** A gathering's page for anyone with its link; the room's code only while they may knock. */
export function gatheringView(
  gathering: GatheringRecord,
  room: RoomNow | null,
  now: number,
): GatheringView {
  const upcoming = gathering.cancelledAt === null ? upcomingOf(gathering, now) : [];
  const next = upcoming[0];
  const state = stateOf(gathering, next, room, now);
  const open = state === 'open' && room !== null;
  // A one-to-one session is entered only by invitation: its room's code is never shown.
  const showCode = open && gathering.kind !== 'oneToOne';
  return {
    id: gathering.id,
    kind: gathering.kind,
    title: gathering.title,
    topic: gathering.topic,
    language: gathering.language,
    rules: gathering.rules,
    seats: gathering.seats,
    durationMin: gathering.durationMin,
    listed: gathering.listed,
    waitingRoom: gathering.waitingRoom !== false,
    next: next ?? null,
    upcoming,
    state,
    joinOpensAt: next ? next.startsAt - Schedule.joinOpensBeforeMs : null,
    seatsFree: open ? Math.max(0, gathering.seats - room.membersIn) : gathering.seats,
    ...(showCode ? { code: room.code } : {}),
  };
}

export function ownGathering(
  gathering: GatheringRecord,
  room: RoomNow | null,
  now: number,
): OwnGathering {
  return {
    ...gatheringView(gathering, room, now),
    date: gathering.date,
    time: gathering.time,
    zone: gathering.zone,
    weeks: gathering.weeks,
    cancelled: gathering.cancelledAt !== null,
  };
}

/** The entrance's lines for one listed gathering: each time it starts in the next 14 days. */
export function entranceItems(
  gathering: GatheringRecord,
  room: RoomNow | null,
  now: number,
): EntranceItem[] {
  if (!gathering.listed || gathering.cancelledAt !== null) return [];
  const horizon = now + Schedule.entranceDays * 86_400_000;
  return upcomingOf(gathering, now)
    .filter((o) => o.startsAt < horizon)
    .map((o) => ({
      id: gathering.id,
      kind: gathering.kind,
      title: gathering.title,
      language: gathering.language,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      seats: gathering.seats,
      seatsFree:
        room?.startsAt === o.startsAt
          ? Math.max(0, gathering.seats - room.membersIn)
          : gathering.seats,
    }));
}
