import { pieceSummary } from '../../../../client/facilitation/piece-summary';
import { circle, member } from './fixtures';

const members = [member('a'), member('b'), member('c')];

describe('pieceSummary', () => {
  it('says the piece rests in the centre when nobody holds it', () => {
    expect(pieceSummary(circle({ members }), 'a')).toEqual({
      holder: { key: 'piece.resting', params: {} },
      round: null,
    });
  });

  it('names the holder, or says it is you', () => {
    const held = circle({
      members,
      piece: { holder: 'b', heldSinceMs: 0, round: null, offeredTo: null },
    });
    expect(pieceSummary(held, 'a').holder).toEqual({
      key: 'piece.heldBy',
      params: { name: 'name-b' },
    });
    expect(pieceSummary(held, 'b').holder.key).toBe('piece.heldByYou');
  });

  it('gives the round, whose turn it is and how far along', () => {
    const inRound = circle({
      members,
      piece: {
        holder: 'c',
        heldSinceMs: 0,
        round: { kind: 'checkout', order: ['b', 'c', 'a'], turn: 1 },
        offeredTo: null,
      },
    });
    expect(pieceSummary(inRound, 'a').round).toEqual({
      key: 'piece.roundCheckout',
      params: { name: 'name-c', turn: 2, count: 3 },
    });
  });

  it('counts only those the round calls on, so someone listening is skipped without a word', () => {
    const inRound = circle({
      members: [member('a'), member('b', { takingPart: 'listen' }), member('c')],
      piece: {
        holder: 'c',
        heldSinceMs: 0,
        round: { kind: 'checkin', order: ['a', 'b', 'c'], turn: 2 },
        offeredTo: null,
      },
    });
    expect(pieceSummary(inRound, 'a').round).toEqual({
      key: 'piece.roundCheckin',
      params: { name: 'name-c', turn: 2, count: 2 },
    });
  });
});
