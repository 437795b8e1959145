/**
 * What clients are told about a circle. Built by the server from its records; never contains
 * secrets (resume tokens, device tokens), who blocked whom, or anything about people still
 * waiting or barred, except for facilitators and co-facilitators.
 */
import type { PieceMode, ReportReason, Role, RoundKind } from './facilitation';
import type { VoiceConfig } from '../protocol/answers';
import type { TakingPart } from './taking-part';
import type { GatheringKind } from '../gathering/gathering';
import type { TablePlace, TableView } from '../tables/tables';
import type { WordChainView } from '../activity/word-chain';

export { Roles, type Role } from './facilitation';

export interface MemberView {
  id: string;
  name: string;
  role: Role;
  /** 0-based seat index around the ring; the creator starts in seat 0. */
  seat: number;
  /**
   * Order of admission: of any two members, the one admitted later has the higher number. The
   * later arrival starts their voice link, so a newcomer offers to everyone at once.
   */
  arrival: number;
  /** False while the member's connection is lost and their seat is held for them. */
  connected: boolean;
  /** The member's own microphone switch, as they last reported it. */
  muted: boolean;
  /**
   * A facilitator has muted this member: every client silences them, and their own unmute is
   * refused until a facilitator lifts it.
   */
  forceMuted: boolean;
  /** Index into `AvatarColors`, chosen in the lobby. */
  color: number;
  /** Taking a quiet break: their microphone is off and others see "stepped out". */
  away: boolean;
  /** How they take part today; kept only while they are in the circle. */
  takingPart: TakingPart;
  /** Where they sit at a social event; null at no table, and always in a circle. */
  place: TablePlace | null;
}

export interface RoundView {
  kind: RoundKind;
  /** Member ids in seat order from where the round began; may name people who have left. */
  order: string[];
  /** Index into `order` of the member whose turn it is (or was, while someone else speaks). */
  turn: number;
}

export interface PieceView {
  /** Member id holding the talking piece, or null while it rests in the centre. */
  holder: string | null;
  /**
   * How long the holder has held it, in ms, measured by the server when this view was sent, so
   * clients need not agree on the time. Null when nobody holds it.
   */
  heldSinceMs: number | null;
  round: RoundView | null;
  /**
   * Someone not on "speak" who was given the piece: it is offered, not handed over, and stays
   * where it was until they take it or let it go by.
   */
  offeredTo: string | null;
}

export interface CircleView {
  code: string;
  /** What the gathering is for; a circle started at once is a support circle. */
  kind: GatheringKind;
  title: string;
  /** What this circle is about, if the facilitator said. */
  topic: string | null;
  /** The ground rules, one per line, as everyone accepted them on knocking. */
  rules: string[];
  /** Seconds one person may hold the piece before `piece:timeUp` gently says so. */
  shareTimeS: number;
  pieceMode: PieceMode;
  /** New knocks are refused while true; people already waiting stay. */
  locked: boolean;
  /** The facilitators have paused the circle (a break for everyone). */
  paused: boolean;
  capacity: number;
  /** Increases with every change, so a client can ignore a stale update. */
  revision: number;
  /** Voice goes only through the TURN relay, so no member learns another's IP address. */
  privateVoice: boolean;
  members: MemberView[];
  /** Member ids with a raised hand, longest-waiting first. */
  hands: string[];
  piece: PieceView;
  /** A social event's tables; empty for every other kind. */
  tables: TableView[];
  /** The word chains going on at a social event's tables. */
  activities: WordChainView[];
}

/** What anyone with the code may read before knocking (`circle:preview`). */
export interface CirclePreview {
  title: string;
  topic: string | null;
  rules: string[];
  locked: boolean;
}

export interface WaitingView {
  id: string;
  name: string;
  /** Milliseconds since the epoch when they knocked. */
  since: number;
  /** False while their connection is lost and their place is held for them. */
  connected: boolean;
  /** How they said they will take part, so the facilitators can welcome them accordingly. */
  takingPart: TakingPart;
}

/** The whole waiting list, at the revision its changes are numbered from (see `waiting-delta`). */
export interface WaitingList {
  revision: number;
  waiting: WaitingView[];
}

/** Someone removed from the circle, whose browser may not knock again until the bar is lifted. */
export interface BarredView {
  id: string;
  /** The name they had when removed; a new knock is refused under any name. */
  name: string;
  /** Milliseconds since the epoch when they were removed. */
  at: number;
}

/** Facilitators' and co-facilitators' view of who is kept out. */
export interface ModerationState {
  barred: BarredView[];
}

/** One chat line, kept only while the circle lasts. */
export interface ChatMessage {
  id: string;
  /** Member id of the sender. */
  from: string;
  /** The sender's pseudonym when they wrote it, so a line still reads after they leave. */
  name: string;
  text: string;
  at: number;
}

/** A facilitator's word to everyone in the gathering at once; never stored. */
export interface Announcement {
  from: string;
  /** The sender's pseudonym when they sent it. */
  name: string;
  text: string;
  at: number;
}

/** A private message between two members; never stored. */
export interface PrivateMessage {
  from: string;
  to: string;
  text: string;
  at: number;
}

/** A report as facilitators receive it; never stored. */
export interface ReportReceived {
  id: string;
  from: string;
  /** The member the report is about, when the reporter named one. */
  about?: string;
  reasons: ReportReason[];
  text?: string;
  at: number;
}

export interface SelfView {
  memberId: string;
  /** Secret that lets this browser take its seat back after a reload. */
  resumeToken: string;
  /** Members this member has blocked (known only to them). */
  blocked: string[];
}

/** What a member receives on entering (creating, being admitted, or resuming). */
export interface EnteredCircle {
  self: SelfView;
  circle: CircleView;
  /** The chat so far, without lines between this member and anyone either of them blocked. */
  chat: ChatMessage[];
  /** Facilitators and co-facilitators only. */
  waiting?: WaitingList;
  /** Facilitators and co-facilitators only. */
  moderation?: ModerationState;
  /**
   * ICE servers for this member, handed over with the seat so voice can start without another
   * round trip. Missing when this server cannot offer what the circle needs (a private circle
   * without TURN): `voice:config` then says why.
   */
  voice?: VoiceConfig;
}

export const EndReasons = ['ended_by_facilitator', 'facilitator_timeout'] as const;
export type EndReason = (typeof EndReasons)[number];

export const CloseReasons = ['replaced', 'rate_limited', 'removed'] as const;
export type CloseReason = (typeof CloseReasons)[number];
