import { defaultColorFor } from '../../shared/circle/presence';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { Limits } from '../../shared/protocol/limits';
import type { CircleView, MemberView, WaitingView } from '../../shared/circle/views';
import type { CircleRecord, MemberRecord, WaitingRecord } from './circle-record';

/**
 * The rules of a circle as pure functions over its record. Each check happens before any
 * change, so a thrown EngawaError always leaves the record as it was.
 */

export interface NewMember {
  id: string;
  name: string;
  resumeTokenHash: string;
  connectionId: string | null;
  now: number;
  /** Index into `AvatarColors`; missing or null derives one from the id. */
  color?: number | null;
}

export function createCircleRecord(params: {
  id: string;
  code: string;
  title: string;
  capacity: number;
  facilitator: NewMember;
  /** Relay-only voice; false unless asked for. */
  privateVoice?: boolean;
}): CircleRecord {
  const { facilitator } = params;
  return {
    id: params.id,
    code: params.code,
    title: params.title,
    capacity: params.capacity,
    createdAt: facilitator.now,
    revision: 1,
    privateVoice: params.privateVoice ?? false,
    members: [memberRecord(facilitator, 'facilitator', 0)],
    waiting: [],
    hands: [],
  };
}

function memberRecord(m: NewMember, role: MemberRecord['role'], seat: number): MemberRecord {
  return {
    id: m.id,
    name: m.name,
    role,
    seat,
    resumeTokenHash: m.resumeTokenHash,
    connectionId: m.connectionId,
    arrived: m.connectionId !== null,
    awaySince: m.connectionId === null ? m.now : null,
    // Everyone enters unmuted; a browser that chose "enter muted" says so right after entering.
    muted: false,
    color: m.color ?? defaultColorFor(m.id),
    steppedOut: false,
  };
}

function changed(circle: CircleRecord): void {
  circle.revision += 1;
}

export function isFull(circle: CircleRecord): boolean {
  return circle.members.length >= circle.capacity;
}

export function findMember(circle: CircleRecord, memberId: string): MemberRecord | undefined {
  return circle.members.find((m) => m.id === memberId);
}

export function requireMember(circle: CircleRecord, memberId: string): MemberRecord {
  const member = findMember(circle, memberId);
  if (!member) throw EngawaError.of(ErrorCode.NotInCircle);
  return member;
}

export function requireFacilitator(circle: CircleRecord, memberId: string): MemberRecord {
  const member = requireMember(circle, memberId);
  if (member.role !== 'facilitator') throw EngawaError.of(ErrorCode.NotFacilitator);
  return member;
}

export function addWaiting(circle: CircleRecord, waiting: WaitingRecord): void {
  if (isFull(circle)) throw EngawaError.of(ErrorCode.CircleFull);
  if (circle.waiting.length >= Limits.waitingMax) throw EngawaError.of(ErrorCode.WaitingRoomFull);
  circle.waiting.push(waiting);
  changed(circle);
}

export function removeWaiting(circle: CircleRecord, waitingId: string): WaitingRecord {
  const index = circle.waiting.findIndex((w) => w.id === waitingId);
  const waiting = circle.waiting[index];
  if (!waiting) throw EngawaError.of(ErrorCode.WaitingNotFound);
  circle.waiting.splice(index, 1);
  changed(circle);
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
 * Moves a waiting person to the lowest free seat, with the name and colour they knocked with.
 * Their browser then claims it by resuming.
 */
export function admitWaiting(
  circle: CircleRecord,
  waitingId: string,
  member: Omit<NewMember, 'name' | 'connectionId' | 'color'>,
): MemberRecord {
  if (!circle.waiting.some((w) => w.id === waitingId)) {
    throw EngawaError.of(ErrorCode.WaitingNotFound);
  }
  const seat = lowestFreeSeat(circle);
  const waiting = removeWaiting(circle, waitingId);
  const record = memberRecord(
    { ...member, name: waiting.name, connectionId: null, color: waiting.color },
    'participant',
    seat,
  );
  circle.members.push(record);
  changed(circle);
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
  changed(circle);
  return previous;
}

/**
 * Marks a member away when their connection drops. A stale connection (already replaced by a
 * reload) changes nothing and returns false.
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
  changed(circle);
  return true;
}

/** Frees the member's seat; a raised hand goes with them. */
export function removeMember(circle: CircleRecord, memberId: string): MemberRecord {
  const member = requireMember(circle, memberId);
  circle.members = circle.members.filter((m) => m.id !== memberId);
  circle.hands = circle.hands.filter((id) => id !== memberId);
  changed(circle);
  return member;
}

/**
 * Records a member's microphone switch. Returns false, changing nothing (not even the
 * revision), when it already was that way.
 */
export function setMuted(circle: CircleRecord, memberId: string, muted: boolean): boolean {
  const member = requireMember(circle, memberId);
  if (member.muted === muted) return false;
  member.muted = muted;
  changed(circle);
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
  changed(circle);
  return true;
}

/**
 * Records whether a member has stepped out for a quiet break. A raised hand stays raised: the
 * queue keeps their place for when they return. Returns false when nothing changed.
 */
export function setSteppedOut(circle: CircleRecord, memberId: string, away: boolean): boolean {
  const member = requireMember(circle, memberId);
  if (member.steppedOut === away) return false;
  member.steppedOut = away;
  changed(circle);
  return true;
}

export function toCircleView(circle: CircleRecord): CircleView {
  // Someone admitted but not yet seated holds a seat but is not shown until they arrive.
  const members: MemberView[] = circle.members
    .filter((m) => m.arrived)
    .map((m) => ({
      id: m.id,
      name: m.name,
      role: m.role,
      seat: m.seat,
      connected: m.connectionId !== null,
      muted: m.muted,
      color: m.color,
      away: m.steppedOut,
    }))
    .sort((a, b) => a.seat - b.seat);
  return {
    code: circle.code,
    title: circle.title,
    capacity: circle.capacity,
    revision: circle.revision,
    privateVoice: circle.privateVoice,
    members,
    hands: [...circle.hands],
  };
}

export function toWaitingViews(circle: CircleRecord): WaitingView[] {
  return circle.waiting.map((w) => ({ id: w.id, name: w.name, since: w.since }));
}
