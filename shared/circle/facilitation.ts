/**
 * The vocabulary of a facilitated circle: who holds which role, how the talking piece is used,
 * and what a member may report. Both ends accept only these values.
 */

/** The facilitator started the circle (or took it over); co-facilitators share their powers. */
export const Roles = ['facilitator', 'cofacilitator', 'participant'] as const;
export type Role = (typeof Roles)[number];

/** Roles the facilitator may hand out with `role:set`; there is only ever one facilitator. */
export const AssignableRoles = ['cofacilitator', 'participant'] as const;
export type AssignableRole = (typeof AssignableRoles)[number];

/**
 * How firmly the talking piece is meant: `strict` circles expect only the holder to speak,
 * `gentle` ones use it as a guide, and `none` have no piece at all (a one-to-one session). The
 * server refuses the piece and rounds in a `none` circle; otherwise clients act on the choice.
 */
export const PieceModes = ['gentle', 'strict', 'none'] as const;
export type PieceMode = (typeof PieceModes)[number];

/** A go-round: everyone in seat order gets the piece once, at the start or the end. */
export const RoundKinds = ['checkin', 'checkout'] as const;
export type RoundKind = (typeof RoundKinds)[number];

export const ReportReasons = ['unkind', 'unsafe', 'off_topic', 'privacy', 'other'] as const;
export type ReportReason = (typeof ReportReasons)[number];

/** True for the roles that carry a facilitator's powers (the facilitator and co-facilitators). */
export function isHostRole(role: Role): boolean {
  return role !== 'participant';
}
