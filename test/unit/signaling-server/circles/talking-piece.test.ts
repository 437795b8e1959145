import * as rules from '../../../../signaling-server/circles/circle-rules';
import * as piece from '../../../../signaling-server/circles/talking-piece';
import { circleOfFive, disconnect, newCircle, refuses, seat, T0 } from './fixtures';
import { knockRecord } from '../../../support/knock-record';

const T1 = T0 + 5_000;

describe('seatOrderFrom', () => {
  it('lists seated members in seat order starting anywhere, wrapping round', () => {
    const circle = circleOfFive();
    expect(piece.seatOrderFrom(circle, 'c')).toEqual(['c', 'd', 'fac', 'a', 'b']);
    expect(piece.seatOrderFrom(circle, 'fac')).toEqual(['fac', 'a', 'b', 'c', 'd']);
  });

  it('follows seats, not the order people arrived in, and leaves out those not yet seated', () => {
    const circle = circleOfFive();
    rules.removeMember(circle, 'b', T0);
    seat(circle, 'e'); // takes b's seat 2
    rules.addWaiting(circle, knockRecord({ id: 'w', name: 'w', since: T0 }));
    rules.admitWaiting(circle, 'w', { id: 'late', resumeTokenHash: 'h', now: T0 });
    expect(piece.seatOrderFrom(circle, 'a')).toEqual(['a', 'e', 'c', 'd', 'fac']);
  });
});

describe('isEligible', () => {
  it('is true only for a seated, connected member who has not stepped out', () => {
    const circle = circleOfFive();
    rules.setSteppedOut(circle, 'b', true, T0);
    disconnect(circle, 'c');
    expect(['fac', 'a', 'b', 'c', 'd', 'nobody'].map((id) => piece.isEligible(circle, id))).toEqual(
      [true, true, false, false, true, false],
    );
  });
});

describe('passPiece outside a round', () => {
  it('goes clockwise, skipping who cannot take it, and wraps past the last seat', () => {
    const circle = circleOfFive();
    piece.givePiece(circle, 'fac', 'c', T0);
    rules.setSteppedOut(circle, 'd', true, T0);
    piece.passPiece(circle, 'c', T1);
    expect(circle.piece).toEqual({ holder: 'fac', since: T1, round: null, offeredTo: null });
    disconnect(circle, 'a');
    piece.passPiece(circle, 'fac', T1);
    expect(circle.piece.holder).toBe('b');
  });

  it('rests in the centre when nobody else can take it', () => {
    const circle = newCircle();
    seat(circle, 'a');
    piece.givePiece(circle, 'fac', 'a', T0);
    rules.setSteppedOut(circle, 'fac', true, T0);
    piece.passPiece(circle, 'a', T1);
    expect(circle.piece).toEqual({ holder: null, since: null, round: null, offeredTo: null });
  });

  it('is refused to anyone but the holder, changing nothing', () => {
    const circle = circleOfFive();
    refuses(circle, 'not_holder', () => {
      piece.passPiece(circle, 'a', T0);
    });
    piece.givePiece(circle, 'fac', 'a', T0);
    refuses(circle, 'not_holder', () => {
      piece.passPiece(circle, 'fac', T0);
    });
    refuses(circle, 'not_in_circle', () => {
      piece.passPiece(circle, 'nobody', T0);
    });
  });

  it('lowers the hand of whoever receives it, and moves the revision on', () => {
    const circle = circleOfFive();
    rules.setHandRaised(circle, 'b', true);
    rules.setHandRaised(circle, 'd', true);
    piece.givePiece(circle, 'fac', 'a', T0);
    const revision = circle.revision;
    piece.passPiece(circle, 'a', T1);
    expect(circle.piece.holder).toBe('b');
    expect(circle.hands).toEqual(['d']);
    expect(circle.revision).toBeGreaterThan(revision);
  });
});

describe('rounds', () => {
  it('start with the first member from the given seat who can take the piece', () => {
    const circle = circleOfFive();
    rules.setSteppedOut(circle, 'b', true, T0);
    piece.startRound(circle, 'fac', 'checkin', 'b', T0);
    expect(circle.piece).toEqual({
      holder: 'c',
      since: T0,
      round: { kind: 'checkin', order: ['b', 'c', 'd', 'fac', 'a'], turn: 1 },
      offeredTo: null,
    });
  });

  it('pass in order, skipping who left, dropped or stepped out, then end in the centre', () => {
    const circle = circleOfFive();
    piece.startRound(circle, 'fac', 'checkout', 'a', T0);
    rules.removeMember(circle, 'b', T0);
    disconnect(circle, 'c');
    piece.passPiece(circle, 'a', T1);
    expect(circle.piece.holder).toBe('d');
    expect(circle.piece.round?.turn).toBe(3);
    rules.setSteppedOut(circle, 'fac', true, T1);
    piece.passPiece(circle, 'd', T1);
    expect(circle.piece).toEqual({ holder: null, since: null, round: null, offeredTo: null });
  });

  it('take the piece back to whose turn it is after someone holds it out of turn', () => {
    const circle = circleOfFive();
    piece.startRound(circle, 'fac', 'checkin', 'a', T0);
    piece.takePiece(circle, 'fac', T0);
    piece.passPiece(circle, 'fac', T1);
    expect(circle.piece.holder).toBe('a');
    expect(circle.piece.round?.turn).toBe(0);
    // Given out of turn to someone later in the order, it still comes back first.
    piece.givePiece(circle, 'fac', 'c', T1);
    piece.passPiece(circle, 'c', T1);
    expect(circle.piece.holder).toBe('a');
    // Unless the one whose turn it was can no longer take it.
    piece.givePiece(circle, 'fac', 'd', T1);
    rules.setSteppedOut(circle, 'a', true, T1);
    piece.passPiece(circle, 'd', T1);
    expect(circle.piece.holder).toBe('b');
  });

  it('end early into the centre, and a round:end without a round changes nothing', () => {
    const circle = circleOfFive();
    piece.startRound(circle, 'fac', 'checkin', 'fac', T0);
    expect(piece.endRound(circle, 'fac', T1)).toBe(true);
    expect(circle.piece).toEqual({ holder: null, since: null, round: null, offeredTo: null });
    const revision = circle.revision;
    expect(piece.endRound(circle, 'fac', T1)).toBe(false);
    expect(circle.revision).toBe(revision);
  });

  it('need a host, a seated member to start from and someone to take the piece', () => {
    const circle = circleOfFive();
    refuses(circle, 'not_facilitator', () => {
      piece.startRound(circle, 'a', 'checkin', 'a', T0);
    });
    refuses(circle, 'member_not_found', () => {
      piece.startRound(circle, 'fac', 'checkin', 'nobody', T0);
    });
    for (const id of ['fac', 'a', 'b', 'c', 'd']) rules.setSteppedOut(circle, id, true, T0);
    refuses(circle, 'nobody_speaking', () => {
      piece.startRound(circle, 'fac', 'checkin', 'a', T0);
    });
    refuses(circle, 'not_facilitator', () => {
      piece.endRound(circle, 'a', T0);
    });
  });
});

describe('givePiece and takePiece', () => {
  it('let the holder give only to a raised hand, and hosts give to anyone who can take it', () => {
    const circle = circleOfFive();
    piece.givePiece(circle, 'fac', 'a', T0);
    refuses(circle, 'not_permitted', () => piece.givePiece(circle, 'a', 'b', T0));
    refuses(circle, 'not_holder', () => piece.givePiece(circle, 'b', 'c', T0));
    rules.setHandRaised(circle, 'b', true);
    expect(piece.givePiece(circle, 'a', 'b', T1)).toBe(true);
    expect(circle.piece).toMatchObject({ holder: 'b', since: T1 });
    expect(circle.hands).toEqual([]);

    rules.setSteppedOut(circle, 'c', true, T1);
    refuses(circle, 'member_unavailable', () => piece.givePiece(circle, 'fac', 'c', T1));
    refuses(circle, 'member_not_found', () => piece.givePiece(circle, 'fac', 'nobody', T1));
    refuses(circle, 'not_permitted', () => piece.givePiece(circle, 'fac', 'fac', T1));
    // Giving it to whoever holds it is no change at all.
    expect(piece.givePiece(circle, 'fac', 'b', T1 + 1)).toBe(false);
    expect(circle.piece.since).toBe(T1);
  });

  it('let a host take it, once', () => {
    const circle = circleOfFive();
    refuses(circle, 'not_facilitator', () => piece.takePiece(circle, 'a', T0));
    expect(piece.takePiece(circle, 'fac', T0)).toBe(true);
    expect(piece.takePiece(circle, 'fac', T1)).toBe(false);
    expect(circle.piece).toEqual({ holder: 'fac', since: T0, round: null, offeredTo: null });
  });
});

describe('releasePieceOf', () => {
  it('moves the piece on only when the member leaving holds it', () => {
    const circle = circleOfFive();
    piece.givePiece(circle, 'fac', 'b', T0);
    expect(piece.releasePieceOf(circle, 'a', T1)).toBe(false);
    expect(circle.piece.holder).toBe('b');
    expect(piece.releasePieceOf(circle, 'b', T1)).toBe(true);
    expect(circle.piece.holder).toBe('c');
  });

  it('keeps the piece with a holder whose connection merely drops', () => {
    const circle = circleOfFive();
    piece.givePiece(circle, 'fac', 'b', T0);
    disconnect(circle, 'b');
    expect(circle.piece.holder).toBe('b');
  });
});

describe('taking part another way than speaking', () => {
  test('passes and rounds skip whoever did not choose to speak, and call on them once they do', () => {
    const circle = circleOfFive();
    rules.setTakingPart(circle, 'b', 'listen');
    rules.setTakingPart(circle, 'c', 'present');
    piece.startRound(circle, 'fac', 'checkin', 'a', T0);
    expect(circle.piece.holder).toBe('a');
    piece.passPiece(circle, 'a', T0);
    expect(circle.piece.holder).toBe('d');
    // b changes their mind before the round comes round again: a new round calls on them.
    piece.passPiece(circle, 'd', T0);
    piece.passPiece(circle, 'fac', T0);
    expect(circle.piece).toMatchObject({ holder: null, round: null });
    rules.setTakingPart(circle, 'b', 'speak');
    piece.startRound(circle, 'fac', 'checkin', 'a', T0);
    piece.passPiece(circle, 'a', T0);
    expect(circle.piece.holder).toBe('b');
    // Outside a round, a pass goes clockwise past c, who is only present.
    piece.endRound(circle, 'fac', T0);
    piece.takePiece(circle, 'fac', T0);
    piece.givePiece(circle, 'fac', 'b', T0);
    piece.passPiece(circle, 'b', T0);
    expect(circle.piece.holder).toBe('d');
  });

  test('the piece is offered, not handed over, and only the one offered it can answer', () => {
    const circle = circleOfFive();
    rules.setTakingPart(circle, 'b', 'write');
    piece.takePiece(circle, 'fac', T0);
    expect(piece.givePiece(circle, 'fac', 'b', T0)).toBe(true);
    expect(circle.piece).toMatchObject({ holder: 'fac', offeredTo: 'b' });
    expect(piece.givePiece(circle, 'fac', 'b', T0)).toBe(false);
    refuses(circle, 'not_offered', () => {
      piece.acceptOffer(circle, 'a', T0);
    });
    piece.acceptOffer(circle, 'b', T0 + 5);
    expect(circle.piece).toMatchObject({ holder: 'b', since: T0 + 5, offeredTo: null });
    refuses(circle, 'not_offered', () => {
      piece.declineOffer(circle, 'b');
    });
  });

  test('an offer lapses when the piece moves on or the one offered it leaves', () => {
    const circle = circleOfFive();
    rules.setTakingPart(circle, 'b', 'listen');
    piece.takePiece(circle, 'fac', T0);
    piece.givePiece(circle, 'fac', 'b', T0);
    piece.passPiece(circle, 'fac', T0);
    expect(circle.piece).toMatchObject({ holder: 'a', offeredTo: null });
    piece.givePiece(circle, 'fac', 'b', T0);
    rules.removeMember(circle, 'b', T0);
    expect(circle.piece).toMatchObject({ holder: 'a', offeredTo: null });
  });

  test('a participant who stops speaking is muted; a host keeps their microphone', () => {
    const circle = circleOfFive();
    rules.setMuted(circle, 'a', false);
    rules.setTakingPart(circle, 'a', 'listen');
    expect(rules.findMember(circle, 'a')?.muted).toBe(true);
    refuses(circle, 'speak_not_chosen', () => rules.setMuted(circle, 'a', false));
    rules.setTakingPart(circle, 'fac', 'listen');
    expect(rules.setMuted(circle, 'fac', true)).toBe(true);
    expect(rules.setMuted(circle, 'fac', false)).toBe(true);
    expect(rules.setTakingPart(circle, 'fac', 'listen')).toBe(false);
  });
});
