import type { CircleView } from '../../shared/circle/views';
import type { MessageKey } from '../i18n/en';
import type { Params } from '../i18n/i18n';

export interface Line {
  key: MessageKey;
  params: Params;
}

/** Who holds the piece, and whose turn a go-round is at, as text keys (kept free of the DOM). */
export function pieceSummary(
  circle: Pick<CircleView, 'members' | 'piece'>,
  selfId: string,
): { holder: Line; round: Line | null } {
  const nameOf = (id: string): string | undefined => circle.members.find((m) => m.id === id)?.name;
  const { holder, round } = circle.piece;
  let holderLine: Line;
  if (holder === null) holderLine = { key: 'piece.resting', params: {} };
  else if (holder === selfId) holderLine = { key: 'piece.heldByYou', params: {} };
  else holderLine = { key: 'piece.heldBy', params: { name: nameOf(holder) ?? '' } };
  if (!round) return { holder: holderLine, round: null };
  const turnId = round.order[round.turn];
  // Counted among those the round calls on: anyone taking part another way is skipped quietly.
  const called = round.order.filter((id) => {
    const member = circle.members.find((m) => m.id === id);
    return id === turnId || member === undefined || member.takingPart === 'speak';
  });
  const params = {
    name: (turnId !== undefined ? nameOf(turnId) : undefined) ?? '…',
    turn: turnId === undefined ? round.turn + 1 : called.indexOf(turnId) + 1,
    count: called.length,
  };
  return {
    holder: holderLine,
    round: { key: round.kind === 'checkin' ? 'piece.roundCheckin' : 'piece.roundCheckout', params },
  };
}
