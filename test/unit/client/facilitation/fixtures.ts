import type { CircleView, MemberView } from '../../../../shared/circle/views';

export function member(id: string, extra: Partial<MemberView> = {}): MemberView {
  return {
    id,
    name: `name-${id}`,
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

export function circle(extra: Partial<CircleView> = {}): CircleView {
  return {
    code: 'K7QM2XPD9TR',
    kind: 'support',
    title: 'Evening',
    topic: null,
    rules: ['Be kind.'],
    shareTimeS: 180,
    pieceMode: 'gentle',
    locked: false,
    paused: false,
    capacity: 8,
    revision: 1,
    privateVoice: false,
    members: [],
    hands: [],
    tables: [],
    activities: [],
    piece: { holder: null, heldSinceMs: null, round: null, offeredTo: null },
    ...extra,
  };
}
