import { isHostRole } from '../../shared/circle/facilitation';
import type { CircleView, MemberView } from '../../shared/circle/views';

/** Everything a member may be offered on another member's row. */
export type MemberAction =
  | 'mute'
  | 'allowSpeak'
  | 'givePiece'
  | 'lowerHand'
  | 'makeCohost'
  | 'makeParticipant'
  | 'message'
  | 'remove'
  | 'report'
  | 'block'
  | 'unblock';

/**
 * Which actions `self` sees on `target`'s row, mirroring the server's power table (protocol §13),
 * so nothing is offered that would only be refused.
 */
export function actionsFor(
  self: MemberView,
  target: MemberView,
  circle: Pick<CircleView, 'hands' | 'piece'>,
  blockedByMe = false,
): MemberAction[] {
  if (self.id === target.id) return [];
  if (!isHostRole(self.role)) {
    const actions: MemberAction[] = [];
    if (isHostRole(target.role)) actions.push('message');
    actions.push('report', blockedByMe ? 'unblock' : 'block');
    return actions;
  }
  const actions: MemberAction[] = [];
  const mayModerate =
    target.role === 'participant' ||
    (target.role === 'cofacilitator' && self.role === 'facilitator');
  if (mayModerate) actions.push(target.forceMuted ? 'allowSpeak' : 'mute');
  if (circle.piece.holder !== target.id && target.connected && !target.away) {
    actions.push('givePiece');
  }
  if (circle.hands.includes(target.id)) actions.push('lowerHand');
  if (self.role === 'facilitator' && target.role === 'participant') actions.push('makeCohost');
  if (self.role === 'facilitator' && target.role === 'cofacilitator') {
    actions.push('makeParticipant');
  }
  actions.push('message');
  if (mayModerate) actions.push('remove');
  // A host blocks nobody from here, but may have blocked someone before being made a host.
  if (blockedByMe) actions.push('unblock');
  return actions;
}
