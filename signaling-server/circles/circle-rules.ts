import type { PieceMode } from '../../shared/circle/facilitation';
import { defaultColorFor } from '../../shared/circle/presence';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { Limits } from '../../shared/protocol/limits';
import type { CircleRecord, MemberRecord, WaitingRecord } from './circle-record';
import { findMember, markChanged, requireMember } from './members';
import { releasePieceOf } from './talking-piece';
import { tidyWordChains } from '../tables/word-chain-rules';
import {
  DEFAULT_TAKING_PART,
  takingPartPolicy,
  type TakingPart,
  type TakingPartPolicy,
} from '../../shared/circle/taking-part';

export { findMember, requireMember } from './members';
export { requireFacilitator, requireHost } from './roles';

/**
 * The rules of a circle as pure functions over its record. Each check happens before any
 * change, so a thrown EngawaError always leaves the record as it was. Roles, the talking
 * piece, moderation and blocks have modules of their own beside this one.
 */

export interface NewMember {
  id: string;
  name: string;
  resumeTokenHash: string;
  connectionId: string | null;
  now: number;
  /** Index into `AvatarColors`; missing or null derives one from the id. */
  color?: number | null;
  /** See `MemberRecord.deviceHash`. */
  deviceHash?: string | null;
  takingPart?: TakingPart;
}

/** How the facilitator set the circle up; anything left out takes its default. */
export interface CircleSetup {
  topic?: string | null;
  rules?: string[];
  shareTimeS?: number;
  pieceMode?: PieceMode;
}

export function createCircleRecord(params: {
  id: string;
  code: string;
  title: string;
  capacity: number;
  facilitator: NewMember;
  /** Relay-only voice; false unless asked for. */
  privateVoice?: boolean;
  setup?: CircleSetup;
}): CircleRecord {
  const { facilitator, setup = {} } = params;
  return {
    id: params.id,
    code: params.code,
    title: params.title,
    topic: setup.topic ?? null,
    rules: setup.rules ?? [],
    shareTimeS: setup.shareTimeS ?? Limits.shareTimeDefaultS,
    pieceMode: setup.pieceMode ?? 'gentle',
    capacity: params.capacity,
    createdAt: facilitator.now,
    revision: 1,
    privateVoice: params.privateVoice ?? false,
    locked: false,
    paused: false,
    members: [memberRecord(facilitator, 'facilitator', 0, 0)],
    waiting: [],
    waitingRevision: 1,
    hands: [],
    piece: { holder: null, since: null, round: null, offeredTo: null },
    barred: [],
  };
}

function memberRecord(
  m: NewMember,
  role: MemberRecord['role'],
  seat: number,
  arrival: number,
): MemberRecord {
  return {
    id: m.id,
    name: m.name,
    role,
    roleSince: m.now,
    seat,
    arrival,
    resumeTokenHash: m.resumeTokenHash,
    deviceHash: m.deviceHash ?? null,
    connectionId: m.connectionId,
    arrived: m.connectionId !== null,
    awaySince: m.connectionId === null ? m.now : null,
    // Everyone enters unmuted; a browser that chose "enter muted" says so right after entering.
    muted: false,
    forceMuted: false,
    color: m.color ?? defaultColorFor(m.id),
    steppedOut: false,
    blocks: [],
    takingPart: m.takingPart ?? DEFAULT_TAKING_PART,
  };
}

export function isFull(circle: CircleRecord): boolean {
  return circle.members.length >= circle.capacity;
}

/** A removed person's device, hashed for this circle, is kept out until the bar is lifted. */
export function isBarred(circle: CircleRecord, deviceHash: string): boolean {
  return circle.barred.some((b) => b.deviceHash === deviceHash);
}

/**
 * Puts a knock in the waiting room: refused for a barred device, a locked circle, a full
 * circle or a full waiting room, in that order.
 */
export function addWaiting(circle: CircleRecord, waiting: WaitingRecord): void {
  if (waiting.deviceHash !== null && isBarred(circle, waiting.deviceHash)) {
    throw EngawaError.of(ErrorCode.Barred);
  }
  if (circle.locked) throw EngawaError.of(ErrorCode.CircleLocked);
  if (isFull(circle)) throw EngawaError.of(ErrorCode.CircleFull);
  if (circle.waiting.length >= Limits.waitingMax) throw EngawaError.of(ErrorCode.WaitingRoomFull);
  circle.waiting.push(waiting);
  circle.waitingRevision += 1;
}

export function removeWaiting(circle: CircleRecord, waitingId: string): WaitingRecord {
  const index = circle.waiting.findIndex((w) => w.id === waitingId);
  const waiting = circle.waiting[index];
  if (!waiting) throw EngawaError.of(ErrorCode.WaitingNotFound);
  circle.waiting.splice(index, 1);
  circle.waitingRevision += 1;
  return waiting;
}

function lowestFreeSeat(circle: CircleRecord): number {
  const taken = new Set(circle.members.map((m) => m.seat));
  for (let seat = 0; seat < circle.capacity; seat++) {
    if (!taken.has(seat)) return seat;
  }
  throw EngawaError.of(ErrorCode.CircleFull);
}

/**
 * Moves a waiting person to the lowest free seat, with the name, colour and device they knocked
 * with. Their browser then claims it by resuming.
 */
export function admitWaiting(
  circle: CircleRecord,
  waitingId: string,
  member: Omit<NewMember, 'name' | 'connectionId' | 'color' | 'deviceHash'>,
): MemberRecord {
  if (!circle.waiting.some((w) => w.id === waitingId)) {
    throw EngawaError.of(ErrorCode.WaitingNotFound);
  }
  const seat = lowestFreeSeat(circle);
  const waiting = removeWaiting(circle, waitingId);
  const record = memberRecord(
    {
      ...member,
      name: waiting.name,
      connectionId: null,
      color: waiting.color,
      deviceHash: waiting.deviceHash,
      ...(waiting.takingPart ? { takingPart: waiting.takingPart } : {}),
    },
    'participant',
    seat,
    // Later than everyone present, so any two members agree which of them arrived last.
    Math.max(-1, ...circle.members.map((m) => m.arrival)) + 1,
  );
  // Not shown to anyone until their browser takes the seat, so the revision waits till then.
  circle.members.push(record);
  return record;
}

/**
 * Binds a member to a new connection. Returns the connection it replaces, if any, so the
 * caller can close it.
 */
export function attachConnection(
  circle: CircleRecord,
  memberId: string,
  connectionId: string,
): string | null {
  const member = requireMember(circle, memberId);
  const previous = member.connectionId;
  member.connectionId = connectionId;
  member.arrived = true;
  member.awaySince = null;
  markChanged(circle);
  return previous;
}

/**
 * Marks a member away when their connection drops. A stale connection (already replaced by a
 * reload) changes nothing and returns false. A holder keeps the talking piece: a reload should
 * not cost them their turn.
 */
export function detachConnection(
  circle: CircleRecord,
  memberId: string,
  connectionId: string,
  now: number,
): boolean {
  const member = findMember(circle, memberId);
  if (!member || member.connectionId !== connectionId) return false;
  member.connectionId = null;
  member.awaySince = now;
  markChanged(circle);
  return true;
}

/** Frees the member's seat; a raised hand goes with them and the talking piece moves on. */
export function removeMember(circle: CircleRecord, memberId: string, now: number): MemberRecord {
  const member = requireMember(circle, memberId);
  releasePieceOf(circle, memberId, now);
  circle.members = circle.members.filter((m) => m.id !== memberId);
  circle.hands = circle.hands.filter((id) => id !== memberId);
  tidyWordChains(circle);
  markChanged(circle);
  return member;
}

/**
 * Records a member's microphone switch. Returns false, changing nothing (not even the
 * revision), when it already was that way. A member muted by a facilitator cannot unmute.
 */
export function setMuted(circle: CircleRecord, memberId: string, muted: boolean): boolean {
  const member = requireMember(circle, memberId);
  if (!muted && member.forceMuted) throw EngawaError.of(ErrorCode.MutedByFacilitator);
  if (!muted && !policyOf(member).microphone) throw EngawaError.of(ErrorCode.SpeakNotChosen);
  if (member.muted === muted) return false;
  member.muted = muted;
  markChanged(circle);
  return true;
}

/**
 * Raises or lowers a member's hand. A raised hand joins the end of the queue; raising it again
 * keeps its place. Returns false, changing nothing, when the hand already was that way.
 */
export function setHandRaised(circle: CircleRecord, memberId: string, raised: boolean): boolean {
  requireMember(circle, memberId);
  const isRaised = circle.hands.includes(memberId);
  if (isRaised === raised) return false;
  circle.hands = raised
    ? [...circle.hands, memberId]
    : circle.hands.filter((id) => id !== memberId);
  markChanged(circle);
  return true;
}

/**
 * Records whether a member has stepped out for a quiet break. A raised hand stays raised: the
 * queue keeps their place for when they return. A holder stepping out passes the piece on.
 * Returns false when nothing changed.
 */
export function setSteppedOut(
  circle: CircleRecord,
  memberId: string,
  away: boolean,
  now: number,
): boolean {
  const member = requireMember(circle, memberId);
  if (member.steppedOut === away) return false;
  member.steppedOut = away;
  if (away) releasePieceOf(circle, memberId, now);
  markChanged(circle);
  return true;
}

/** What a member's way of taking part allows them, for their role now. */
export function policyOf(member: MemberRecord): TakingPartPolicy {
  return takingPartPolicy(member.takingPart ?? DEFAULT_TAKING_PART, member.role);
}

/**
 * A member changes how they take part. One whose choice closes the microphone is muted at
 * once, so the circle never shows a live microphone that is meant to be off.
 */
export function setTakingPart(circle: CircleRecord, memberId: string, choice: TakingPart): boolean {
  const member = requireMember(circle, memberId);
  if ((member.takingPart ?? DEFAULT_TAKING_PART) === choice) return false;
  member.takingPart = choice;
  if (!policyOf(member).microphone) member.muted = true;
  markChanged(circle);
  return true;
}
