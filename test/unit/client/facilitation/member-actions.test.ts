import { actionsFor } from '../../../../client/facilitation/member-actions';
import { circle, member } from './fixtures';

const facilitator = member('f', { role: 'facilitator' });
const cohost = member('c', { role: 'cofacilitator' });
const alice = member('a');
const bo = member('b');

describe('actionsFor', () => {
  it('offers nothing on your own row', () => {
    expect(actionsFor(alice, alice, circle())).toEqual([]);
    expect(actionsFor(facilitator, facilitator, circle())).toEqual([]);
  });

  it('lets a participant report and block anyone, and message only hosts', () => {
    expect(actionsFor(alice, bo, circle())).toEqual(['report', 'block']);
    expect(actionsFor(alice, facilitator, circle())).toEqual(['message', 'report', 'block']);
    expect(actionsFor(alice, cohost, circle())).toEqual(['message', 'report', 'block']);
  });

  it('offers Unblock instead of Block on someone already blocked, to hosts as well', () => {
    expect(actionsFor(alice, bo, circle(), true)).toEqual(['report', 'unblock']);
    expect(actionsFor(facilitator, alice, circle(), true)).toContain('unblock');
    expect(actionsFor(facilitator, alice, circle())).not.toContain('unblock');
  });

  it('gives the facilitator every tool on a participant', () => {
    expect(actionsFor(facilitator, alice, circle({ hands: ['a'] }))).toEqual([
      'mute',
      'givePiece',
      'lowerHand',
      'makeCohost',
      'message',
      'remove',
    ]);
  });

  it('offers "allow to speak" instead of mute for someone already muted by a host', () => {
    const muted = member('a', { forceMuted: true });
    expect(actionsFor(facilitator, muted, circle())).toContain('allowSpeak');
    expect(actionsFor(facilitator, muted, circle())).not.toContain('mute');
  });

  it('keeps a co-facilitator from moderating another co-facilitator or the facilitator', () => {
    const other = member('c2', { role: 'cofacilitator' });
    expect(actionsFor(cohost, other, circle())).toEqual(['givePiece', 'message']);
    expect(actionsFor(cohost, facilitator, circle())).toEqual(['givePiece', 'message']);
    expect(actionsFor(cohost, alice, circle())).toEqual(['mute', 'givePiece', 'message', 'remove']);
  });

  it('lets only the facilitator change roles', () => {
    expect(actionsFor(facilitator, cohost, circle())).toContain('makeParticipant');
    expect(actionsFor(cohost, alice, circle())).not.toContain('makeCohost');
  });

  it('does not offer the piece to its holder or to someone who cannot take it', () => {
    const holding = circle({
      piece: { holder: 'a', heldSinceMs: 0, round: null, offeredTo: null },
    });
    expect(actionsFor(facilitator, alice, holding)).not.toContain('givePiece');
    expect(actionsFor(facilitator, member('x', { away: true }), circle())).not.toContain(
      'givePiece',
    );
    expect(actionsFor(facilitator, member('y', { connected: false }), circle())).not.toContain(
      'givePiece',
    );
  });
});
