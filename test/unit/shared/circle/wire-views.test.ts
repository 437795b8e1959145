import {
  packCircleView,
  packDelta,
  packEntered,
  packMember,
  unpackCircleView,
  unpackDelta,
  unpackEntered,
  unpackMember,
} from '../../../../shared/circle/wire-views';
import { circle, member } from '../../client/facilitation/fixtures';

describe('views on the wire', () => {
  it('leave out what most members share, and say whatever differs', () => {
    expect(packMember(member('a', { seat: 2, color: 3 }))).toEqual({
      id: 'a',
      name: 'name-a',
      seat: 2,
      arrival: 0,
      color: 3,
    });
    const unusual = member('b', {
      role: 'facilitator',
      connected: false,
      muted: true,
      forceMuted: true,
      away: true,
      takingPart: 'listen',
      place: { table: 2, cushion: 5 },
    });
    expect(packMember(unusual)).toEqual(unusual);
  });

  it('come back whole, in every message that carries them', () => {
    const members = [
      member('a', { role: 'facilitator' }),
      member('b', { seat: 1, muted: true }),
      member('c', { seat: 2, connected: false }),
    ];
    const view = circle({ members });
    expect(unpackMember(packMember(members[1] ?? member('x')))).toEqual(members[1]);
    expect(unpackCircleView(packCircleView(view))).toEqual(view);
    const entered = {
      self: { memberId: 'a', resumeToken: 't', blocked: [] },
      circle: view,
      chat: [],
    };
    expect(unpackEntered(packEntered(entered))).toEqual(entered);
    const delta = { from: 1, to: 2, members, gone: ['d'], set: { locked: true } };
    expect(unpackDelta(packDelta(delta))).toEqual(delta);
    expect(unpackDelta(packDelta({ from: 2, to: 3 }))).toEqual({ from: 2, to: 3 });
  });

  it('are smaller than whole views', () => {
    const view = circle({ members: [member('a'), member('b', { seat: 1 })] });
    expect(JSON.stringify(packCircleView(view)).length).toBeLessThan(
      JSON.stringify(view).length - 100,
    );
  });

  it('leave out the fields of a circle at rest, and bring back whatever is not', () => {
    const quiet = circle({ members: [member('a')] });
    const packed = packCircleView(quiet);
    for (const key of ['topic', 'locked', 'paused', 'privateVoice', 'hands', 'piece', 'tables']) {
      expect(packed).not.toHaveProperty(key);
    }
    expect(unpackCircleView(packed)).toEqual(quiet);
    const busy = circle({
      members: [member('a'), member('b', { seat: 1 })],
      topic: '眠れない夜',
      locked: true,
      hands: ['b'],
      piece: { holder: 'a', heldSinceMs: 5, round: null, offeredTo: null },
    });
    const busyPacked = packCircleView(busy);
    expect(busyPacked).toMatchObject({ topic: '眠れない夜', locked: true, hands: ['b'] });
    expect(unpackCircleView(busyPacked)).toEqual(busy);
    // Each view unpacked has lists of its own.
    const one = unpackCircleView(packed);
    const two = unpackCircleView(packed);
    expect(one.hands).not.toBe(two.hands);
  });
});
