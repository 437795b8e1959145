import type { Role } from '../../shared/circle/views';

/**
 * The stored form of a circle. Plain JSON on purpose: the in-memory store keeps it as is and a
 * shared store (Redis) can serialise it without adapters.
 */
export interface MemberRecord {
  id: string;
  name: string;
  role: Role;
  seat: number;
  /** SHA-256 of the resume token; the token itself is only ever held by the member's browser. */
  resumeTokenHash: string;
  /** The socket currently speaking for this member, or null while their seat is held. */
  connectionId: string | null;
  /** False between admission and the member's browser first taking the seat. */
  arrived: boolean;
  /** When the connection was lost; null while connected. */
  awaySince: number | null;
  /** The member's own microphone switch, as they last reported it; kept across reconnects. */
  muted: boolean;
  /** Index into `AvatarColors`, chosen in the lobby or derived from the id. */
  color: number;
  /**
   * Taking a quiet break by choice (shown as `away`). Unrelated to `awaySince`, which is about
   * a lost connection; kept across reconnects like `muted`.
   */
  steppedOut: boolean;
}

export interface WaitingRecord {
  id: string;
  name: string;
  since: number;
  /** The colour asked for when knocking; null lets the member id decide it on admission. */
  color: number | null;
}

export interface CircleRecord {
  id: string;
  code: string;
  title: string;
  capacity: number;
  createdAt: number;
  revision: number;
  /** Voice only through TURN: relay-only ICE, and the relay refuses any other candidate. */
  privateVoice: boolean;
  members: MemberRecord[];
  waiting: WaitingRecord[];
  /** Member ids with a raised hand, in the order they were raised. */
  hands: string[];
}
