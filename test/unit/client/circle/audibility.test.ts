import { silencedMembers } from '../../../../client/circle/audibility';
import type { CircleView, MemberView } from '../../../../shared/circle/views';

function member(id: string, extra: Partial<MemberView> = {}): MemberView {
  return {
    id,
    name: id,
    role: 'participant',
    seat: 0,
    arrival: 0,
    connected: true,
    takingPart: 'speak',
    muted: false,
    forceMuted: false,
    color: 0,
    away: false,
    place: null,
    ...extra,
  };
}

function circle(extra: Partial<CircleView> = {}): CircleView {
  return {
    code: 'X',
    kind: 'support',
    title: 't',
    topic: null,
    rules: [],
    shareTimeS: 180,
    pieceMode: 'gentle',
    locked: false,
    paused: false,
    capacity: 6,
    revision: 1,
    privateVoice: false,
    members: [
      member('me'),
      member('fac', { role: 'facilitator' }),
      member('co', { role: 'cofacilitator' }),
      member('ann'),
      member('ben'),
    ],
    hands: [],
    tables: [],
    activities: [],
    piece: { holder: null, heldSinceMs: null, round: null, offeredTo: null },
    ...extra,
  };
}

const none = new Set<string>();
const sorted = (s: Set<string>) => [...s].sort();

describe('silencedMembers', () => {
  it('plays everyone in an ordinary moment', () => {
    expect(sorted(silencedMembers(circle(), 'me', none))).toEqual([]);
  });

  it('in strict mode plays only the holder and the facilitators', () => {
    const strict = circle({
      pieceMode: 'strict',
      piece: { holder: 'ann', heldSinceMs: 0, round: null, offeredTo: null },
    });
    expect(sorted(silencedMembers(strict, 'me', none))).toEqual(['ben']);
  });

  it('in gentle mode the piece only highlights', () => {
    const gentle = circle({
      piece: { holder: 'ann', heldSinceMs: 0, round: null, offeredTo: null },
    });
    expect(sorted(silencedMembers(gentle, 'me', none))).toEqual([]);
  });

  it('strict mode with the piece resting in the centre silences nobody', () => {
    expect(sorted(silencedMembers(circle({ pieceMode: 'strict' }), 'me', none))).toEqual([]);
  });

  it('never plays someone a facilitator muted, or someone this member blocked', () => {
    const view = circle();
    const ben = view.members.find((m) => m.id === 'ben');
    if (ben) ben.forceMuted = true;
    expect(sorted(silencedMembers(view, 'me', new Set(['ann'])))).toEqual(['ann', 'ben']);
  });

  it('a paused circle is quiet for everyone, facilitators included', () => {
    expect(sorted(silencedMembers(circle({ paused: true }), 'me', none))).toEqual([
      'ann',
      'ben',
      'co',
      'fac',
    ]);
  });
});
