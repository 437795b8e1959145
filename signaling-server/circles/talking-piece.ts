import type { RoundKind } from '../../shared/circle/facilitation';
import { isHostRole } from '../../shared/circle/facilitation';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { DEFAULT_TAKING_PART, takingPartPolicy } from '../../shared/circle/taking-part';
import type { CircleRecord } from './circle-record';
import { findMember, markChanged, requireMember, requireOther } from './members';
import { requireHost } from './roles';

/**
 * The talking piece: who may speak, handed on by passing, giving, a facilitator taking it
 * back, or a go-round in seat order. Passing is always allowed and never skips anyone who can
 * take it: the piece goes to the next member who is seated, connected and not stepped out.
 * "Clockwise" is the direction of rising seat numbers.
 *
 * Rounds and passes call only on those who chose to speak; anyone else is skipped quietly,
 * never named as passing. They may still be offered the piece, and take it or let it go by.
 */

/** Someone the piece may go to now. */
export function isEligible(circle: CircleRecord, memberId: string): boolean {
  const member = findMember(circle, memberId);
  return (
    member !== undefined && member.arrived && member.connectionId !== null && !member.steppedOut
  );
}

/** Someone a round or a pass may call on: they can take the piece and chose to speak. */
export function isCalledOn(circle: CircleRecord, memberId: string): boolean {
  const member = findMember(circle, memberId);
  return (
    member !== undefined &&
    isEligible(circle, memberId) &&
    takingPartPolicy(member.takingPart ?? DEFAULT_TAKING_PART, member.role).inRounds
  );
}

/**
 * Hands the piece to `memberId` (or the centre); whoever receives it has their hand lowered,
 * and any offer still open is over.
 */
function hold(circle: CircleRecord, memberId: string | null, now: number): void {
  circle.piece.offeredTo = null;
  circle.piece.holder = memberId;
  circle.piece.since = memberId === null ? null : now;
  if (memberId !== null) circle.hands = circle.hands.filter((id) => id !== memberId);
  markChanged(circle);
}

/** Seated members' ids in seat order, starting with `fromId` and going round. */
export function seatOrderFrom(circle: CircleRecord, fromId: string): string[] {
  const seated = circle.members.filter((m) => m.arrived).sort((a, b) => a.seat - b.seat);
  const start = Math.max(
    0,
    seated.findIndex((m) => m.id === fromId),
  );
  return [...seated.slice(start), ...seated.slice(0, start)].map((m) => m.id);
}

/** The next member to call on clockwise after `fromId`'s seat, never `fromId` itself. */
function nextClockwise(circle: CircleRecord, fromId: string): string | null {
  const order = seatOrderFrom(circle, fromId);
  return order.slice(1).find((id) => id !== fromId && isCalledOn(circle, id)) ?? null;
}

/**
 * Moves the piece on from its holder as a pass does. In a round: someone holding it out of
 * turn hands it back to the member whose turn it is; otherwise it goes to the next eligible
 * member in the order, and after the last the round is over and the piece rests in the centre.
 * Outside a round it goes clockwise, or to the centre when nobody else can take it.
 */
function moveOn(circle: CircleRecord, now: number): void {
  const { holder, round } = circle.piece;
  if (round) {
    const due = round.order[round.turn];
    if (due !== undefined && due !== holder && isCalledOn(circle, due)) {
      hold(circle, due, now);
      return;
    }
    for (let i = round.turn + 1; i < round.order.length; i++) {
      const next = round.order[i];
      if (next !== undefined && next !== holder && isCalledOn(circle, next)) {
        round.turn = i;
        hold(circle, next, now);
        return;
      }
    }
    circle.piece.round = null;
    hold(circle, null, now);
    return;
  }
  hold(circle, holder === null ? null : nextClockwise(circle, holder), now);
}

/** The holder passes; anyone else gets `not_holder`. */
export function passPiece(circle: CircleRecord, memberId: string, now: number): void {
  requireMember(circle, memberId);
  if (circle.piece.holder !== memberId) throw EngawaError.of(ErrorCode.NotHolder);
  moveOn(circle, now);
}

/**
 * The holder may give the piece to someone with a raised hand; a facilitator or co-facilitator
 * may give it to anyone who can take it. Someone who did not choose to speak, and has not
 * raised a hand, is offered it instead: it stays where it is until they accept. Returns false
 * when the target already holds it or already has the offer.
 */
export function givePiece(
  circle: CircleRecord,
  actorId: string,
  targetId: string,
  now: number,
): boolean {
  const actor = requireMember(circle, actorId);
  const host = isHostRole(actor.role);
  if (!host && circle.piece.holder !== actorId) throw EngawaError.of(ErrorCode.NotHolder);
  const target = requireOther(circle, actorId, targetId);
  if (!host && !circle.hands.includes(target.id)) throw EngawaError.of(ErrorCode.NotPermitted);
  if (!isEligible(circle, target.id)) throw EngawaError.of(ErrorCode.MemberUnavailable);
  if (circle.piece.holder === target.id) return false;
  if (!isCalledOn(circle, target.id) && !circle.hands.includes(target.id)) {
    if (circle.piece.offeredTo === target.id) return false;
    circle.piece.offeredTo = target.id;
    markChanged(circle);
    return true;
  }
  hold(circle, target.id, now);
  return true;
}

/** The member offered the piece takes it. */
export function acceptOffer(circle: CircleRecord, memberId: string, now: number): void {
  requireMember(circle, memberId);
  if (circle.piece.offeredTo !== memberId) throw EngawaError.of(ErrorCode.NotOffered);
  if (!isEligible(circle, memberId)) throw EngawaError.of(ErrorCode.MemberUnavailable);
  hold(circle, memberId, now);
}

/** The member offered the piece lets it go by; it stays where it was. */
export function declineOffer(circle: CircleRecord, memberId: string): void {
  requireMember(circle, memberId);
  if (circle.piece.offeredTo !== memberId) throw EngawaError.of(ErrorCode.NotOffered);
  circle.piece.offeredTo = null;
  markChanged(circle);
}

/** A facilitator or co-facilitator takes the piece; a round in progress keeps its place. */
export function takePiece(circle: CircleRecord, actorId: string, now: number): boolean {
  requireHost(circle, actorId);
  if (circle.piece.holder === actorId) return false;
  hold(circle, actorId, now);
  return true;
}

/**
 * Starts a go-round from `fromId` in seat order (everyone seated now, whatever their state);
 * the piece goes to the first of them who can take it. Replaces any round in progress.
 */
export function startRound(
  circle: CircleRecord,
  actorId: string,
  kind: RoundKind,
  fromId: string,
  now: number,
): void {
  requireHost(circle, actorId);
  if (!findMember(circle, fromId)?.arrived) throw EngawaError.of(ErrorCode.MemberNotFound);
  const order = seatOrderFrom(circle, fromId);
  const turn = order.findIndex((id) => isCalledOn(circle, id));
  const first = order[turn];
  if (first === undefined) throw EngawaError.of(ErrorCode.NobodySpeaking);
  circle.piece.round = { kind, order, turn };
  hold(circle, first, now);
}

/** Ends the round early; the piece rests in the centre. False when no round was running. */
export function endRound(circle: CircleRecord, actorId: string, now: number): boolean {
  requireHost(circle, actorId);
  if (circle.piece.round === null) return false;
  circle.piece.round = null;
  hold(circle, null, now);
  return true;
}

/**
 * The holder is leaving, being removed or stepping out: the piece moves on as if they passed,
 * and an offer to them lapses. Call while they are still listed, so their seat is known. False
 * when they neither held it nor had it offered.
 */
export function releasePieceOf(circle: CircleRecord, memberId: string, now: number): boolean {
  if (circle.piece.offeredTo === memberId) {
    circle.piece.offeredTo = null;
    markChanged(circle);
    return true;
  }
  if (circle.piece.holder !== memberId) return false;
  moveOn(circle, now);
  return true;
}
