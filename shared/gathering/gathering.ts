/**
 * Scheduled gatherings, as both ends see them. A gathering is set up ahead of time by a
 * facilitator with a key; when its time comes the facilitator opens its room, which is then a
 * circle like any other.
 */

import { Limits } from '../protocol/limits';
import { Tables } from '../tables/tables';

/** What a gathering is for; each kind brings its own default rules and topic. */
export const GatheringKinds = ['support', 'family', 'oneToOne', 'social'] as const;
export type GatheringKind = (typeof GatheringKinds)[number];

/** The language(s) a gathering is held in. */
export const GatheringLanguages = ['ja', 'en', 'both'] as const;
export type GatheringLanguage = (typeof GatheringLanguages)[number];

export const Schedule = {
  /** The entrance lists listed gatherings starting within this many days. */
  entranceDays: 14,
  /** People may knock from this long before the start. */
  joinOpensBeforeMs: 15 * 60_000,
  /** The facilitator may open the room this long before the start, to be there first. */
  hostOpensBeforeMs: 30 * 60_000,
  durationMinMin: 15,
  durationMaxMin: 240,
  /** A weekly gathering is scheduled at most this many times at once (half a year). */
  weeksMax: 26,
  /** How far ahead a gathering may start. */
  aheadMaxDays: 366,
  /** A one-to-one session: a counsellor, one person, and perhaps one of their family. */
  oneToOneSeatsMin: 2,
  oneToOneSeatsMax: 3,
} as const;

/** How many seats a gathering of this kind may have. */
export function seatsRangeFor(kind: GatheringKind): { min: number; max: number } {
  switch (kind) {
    case 'oneToOne':
      return { min: Schedule.oneToOneSeatsMin, max: Schedule.oneToOneSeatsMax };
    case 'social':
      return { min: Tables.eventSeatsMin, max: Tables.eventSeatsMax };
    case 'support':
    case 'family':
      return { min: Limits.capacityMin, max: Limits.capacityMax };
  }
}

/** Where a gathering stands for someone opening its page now. */
export type GatheringState =
  /** Not yet time: people may knock from `joinOpensAt`. */
  | 'upcoming'
  /** Time to come in, but the facilitator has not opened the room yet. */
  | 'waiting_for_host'
  /** The room is open: knock with `code`. */
  | 'open'
  /** Every time it was scheduled for is over. */
  | 'over'
  | 'cancelled';

/** One time a gathering happens, in UTC milliseconds. */
export interface Occurrence {
  startsAt: number;
  endsAt: number;
}

/** A gathering's page, as anyone holding its link sees it. */
export interface GatheringView {
  id: string;
  kind: GatheringKind;
  title: string;
  topic: string | null;
  language: GatheringLanguage;
  rules: string[];
  seats: number;
  durationMin: number;
  listed: boolean;
  /** People wait to be let in; false only for a social event that lets them straight in. */
  waitingRoom: boolean;
  /** The next time it happens (or the one happening now); null once it is over. */
  next: Occurrence | null;
  /** Every time still to come, the next first. */
  upcoming: Occurrence[];
  state: GatheringState;
  /** When people may knock on `next`; null once it is over. */
  joinOpensAt: number | null;
  /** Seats not taken in the open room, or all of them before it opens. */
  seatsFree: number;
  /** The open room's code, only while people may knock. */
  code?: string;
}

/** One line of the entrance's list: a listed gathering in the next 14 days. */
export interface EntranceItem {
  id: string;
  kind: GatheringKind;
  title: string;
  language: GatheringLanguage;
  startsAt: number;
  endsAt: number;
  seatsFree: number;
  seats: number;
}

/** A facilitator's own gathering, with what they set it up with, for "My gatherings". */
export interface OwnGathering extends GatheringView {
  /** The local date and time it was set for, in `zone`. */
  date: string;
  time: string;
  zone: string;
  weeks: number;
  cancelled: boolean;
}

/** A personal invitation to a one-to-one session: its link admits once, with no waiting. */
export interface GatheringInvitation {
  token: string;
}

/** The link a counsellor sends: the session's page, with the invitation in it. */
export function invitationUrl(origin: string, id: string, token: string): string {
  return `${gatheringPageUrl(origin, id)}&invite=${encodeURIComponent(token)}`;
}

/** A gathering's own page: the app, opened on it. */
export function gatheringPageUrl(origin: string, id: string): string {
  return `${origin}/?g=${encodeURIComponent(id)}`;
}
