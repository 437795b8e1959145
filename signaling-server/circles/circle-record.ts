import type { GatheringKind } from '../../shared/gathering/gathering';
import type { PieceMode, Role, RoundKind } from '../../shared/circle/facilitation';
import type { TakingPart } from '../../shared/circle/taking-part';
import type { TablePlace, TableView } from '../../shared/tables/tables';
import type { WordChainLanguage } from '../../shared/activity/word-chain';

/**
 * The stored form of a circle. Plain JSON on purpose: the in-memory store keeps it as is and a
 * shared store (Redis) can serialise it without adapters. Chat lines are not part of it: they
 * live only in this process's memory (`ChatLog`).
 */
export interface MemberRecord {
  id: string;
  name: string;
  role: Role;
  /** When the member took their current role; the longest-serving co-facilitator takes over. */
  roleSince: number;
  seat: number;
  /** Order of admission: higher than every member already in the circle when admitted. */
  arrival: number;
  /** SHA-256 of the resume token; the token itself is only ever held by the member's browser. */
  resumeTokenHash: string;
  /**
   * Hash of the browser's device token with the circle id (`hashDevice`), used to keep a
   * removed person out; null for the creator, who never knocked.
   */
  deviceHash: string | null;
  /** The socket currently speaking for this member, or null while their seat is held. */
  connectionId: string | null;
  /** False between admission and the member's browser first taking the seat. */
  arrived: boolean;
  /** When the connection was lost; null while connected. */
  awaySince: number | null;
  /** The member's own microphone switch, as they last reported it; kept across reconnects. */
  muted: boolean;
  /** Muted by a facilitator; their own unmute is refused while true. */
  forceMuted: boolean;
  /** Index into `AvatarColors`, chosen in the lobby or derived from the id. */
  color: number;
  /**
   * Taking a quiet break by choice (shown as `away`). Unrelated to `awaySince`, which is about
   * a lost connection; kept across reconnects like `muted`.
   */
  steppedOut: boolean;
  /** Whom this member has blocked; never shown to anyone else. */
  blocks: BlockRecord[];
  /** How they take part today (absent in records written before it existed: `speak`). */
  takingPart?: TakingPart;
  /** Where they sit at a social event; absent or null while at no table (and in a circle). */
  place?: TablePlace | null;
}

/** A block names the member and, where known, their device, so it outlasts a re-admission. */
export interface BlockRecord {
  memberId: string;
  deviceHash: string | null;
}

export interface WaitingRecord {
  id: string;
  name: string;
  since: number;
  /** The colour asked for when knocking; null lets the member id decide it on admission. */
  color: number | null;
  /** See `MemberRecord.deviceHash`. */
  deviceHash: string | null;
  /** Proves a returning connection is this knock's (the token itself is never stored). */
  tokenHash: string;
  /** The connection waiting now; null while it is lost and the place is held. */
  connectionId: string | null;
  /** When the connection was lost, while the place is held; null while connected. */
  awaySince: number | null;
  /** How they said they will take part, carried to their seat. */
  takingPart?: TakingPart;
}

/** Someone removed by a facilitator; a knock from the same device is refused. */
export interface BarRecord {
  id: string;
  deviceHash: string | null;
  name: string;
  at: number;
}

export interface RoundRecord {
  kind: RoundKind;
  order: string[];
  /** Index into `order` whose turn it is. */
  turn: number;
}

export interface PieceRecord {
  holder: string | null;
  /** Server time the holder received it; null with no holder. */
  since: number | null;
  round: RoundRecord | null;
  /** See `PieceView.offeredTo`; absent or null while nothing is offered. */
  offeredTo?: string | null;
}

export interface CircleRecord {
  id: string;
  code: string;
  title: string;
  topic: string | null;
  rules: string[];
  shareTimeS: number;
  pieceMode: PieceMode;
  capacity: number;
  createdAt: number;
  revision: number;
  /** Voice only through TURN: relay-only ICE, and the relay refuses any other candidate. */
  privateVoice: boolean;
  locked: boolean;
  paused: boolean;
  members: MemberRecord[];
  waiting: WaitingRecord[];
  /** Numbers the waiting list's changes, apart from `revision`: only hosts see that list. */
  waitingRevision: number;
  /** Member ids with a raised hand, in the order they were raised. */
  hands: string[];
  piece: PieceRecord;
  barred: BarRecord[];
  /**
   * The room of a scheduled gathering takes knocks only from this time (15 minutes before it
   * starts), though its facilitator may open it earlier. Absent for a circle started at once.
   */
  knockFrom?: number;
  /** What the gathering is for; absent for a circle started at once (a support circle). */
  kind?: GatheringKind;
  /** A social event's tables; absent for every other kind. */
  tables?: TableView[];
  /** A drop-in social event: a knock is let in at once, with no waiting room. */
  dropIn?: boolean;
  /**
   * Word chains going on at a social event's tables, one at most per table. Their words are the
   * game's, kept only while the event lasts and never logged.
   */
  wordChains?: WordChainRecord[];
}

export interface WordChainRecord {
  table: number;
  language: WordChainLanguage;
  /** Every word so far, the seed first (by nobody), in normalized form. */
  words: { word: string; by: string | null }[];
  /** Those taking turns, in turn order; others at the table watch. */
  players: string[];
  /** Index into `players` from which the next eligible player takes the turn. */
  turn: number;
}

/**
 * A copy sharing nothing with the original, written out field by field: several times faster
 * than `structuredClone`, which the stores would otherwise pay on every read and change. Every
 * nested object of the record is listed here; a test compares it with `structuredClone`.
 */
export function copyCircle(circle: CircleRecord): CircleRecord {
  const { piece } = circle;
  return {
    ...circle,
    rules: [...circle.rules],
    members: circle.members.map((m) => ({
      ...m,
      blocks: m.blocks.map((b) => ({ ...b })),
      ...(m.place ? { place: { ...m.place } } : {}),
    })),
    waiting: circle.waiting.map((w) => ({ ...w })),
    hands: [...circle.hands],
    piece: {
      ...piece,
      round: piece.round && { ...piece.round, order: [...piece.round.order] },
    },
    barred: circle.barred.map((b) => ({ ...b })),
    ...(circle.tables ? { tables: circle.tables.map((t) => ({ ...t })) } : {}),
    ...(circle.wordChains
      ? {
          wordChains: circle.wordChains.map((c) => ({
            ...c,
            words: c.words.map((w) => ({ ...w })),
            players: [...c.players],
          })),
        }
      : {}),
  };
}
