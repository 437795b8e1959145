import type { PieceMode } from '../../shared/circle/facilitation';
import type { GatheringKind, GatheringLanguage } from '../../shared/gathering/gathering';

/** The room of a gathering while it is open: which circle, for which time. */
export interface OpenRoom {
  startsAt: number;
  code: string;
}

/** A one-to-one session's invitation; only its hash is kept. */
export interface InvitationRecord {
  tokenHash: string;
  issuedAt: number;
  /** When its holder came in; a used invitation admits nobody else. */
  usedAt: number | null;
}

/**
 * A scheduled gathering as it is stored (SQLite or Redis). Plain JSON. The wall time and its
 * zone are kept, not instants, so every week's instant is worked out in the zone's own rules.
 */
export interface GatheringRecord {
  /** 96 random bits: the link is the only way to an unlisted gathering. */
  id: string;
  /** The facilitator key that scheduled it; only that key may change it or open its room. */
  ownerKeyId: string;
  kind: GatheringKind;
  title: string;
  topic: string | null;
  language: GatheringLanguage;
  rules: string[];
  shareTimeS: number;
  pieceMode: PieceMode;
  seats: number;
  listed: boolean;
  /**
   * A social event may let people straight in, with no waiting room; absent means it has one
   * (every other kind always does).
   */
  waitingRoom?: boolean;
  /** The first time, on the wall clock of `zone`. */
  date: string;
  time: string;
  zone: string;
  durationMin: number;
  /** 1 for once; otherwise weekly, this many times. */
  weeks: number;
  createdAt: number;
  cancelledAt: number | null;
  /** The room opened for one of its times; a room whose circle has ended is no longer open. */
  room: OpenRoom | null;
  /** A one-to-one session's invitations, newest last (absent on other kinds). */
  invitations?: InvitationRecord[];
}
