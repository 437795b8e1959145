import fc from 'fast-check';
import {
  applyCircleDelta,
  diffCircleViews,
  type CircleDelta,
} from '../../../../shared/circle/circle-delta';
import { TakingPartChoices } from '../../../../shared/circle/taking-part';
import type { CircleView, MemberView } from '../../../../shared/circle/views';
import { circle, member } from '../../client/facilitation/fixtures';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

/** A member of one of a few ids, each field free to differ from one view to the next. */
const memberArb = (id: string, seat: number): fc.Arbitrary<MemberView> =>
  fc
    .record({
      muted: fc.boolean(),
      connected: fc.boolean(),
      takingPart: fc.constantFrom(...TakingPartChoices),
      away: fc.boolean(),
      role: fc.constantFrom(
        'facilitator' as const,
        'cofacilitator' as const,
        'participant' as const,
      ),
      name: fc.constantFrom('さくら', 'Ren', 'ひろし'),
    })
    .map((fields) => member(id, { ...fields, seat, arrival: seat }));

const viewArb = (revision: number): fc.Arbitrary<CircleView> =>
  fc
    .record({
      present: fc.subarray([...ids]),
      seed: fc.array(fc.nat(), { minLength: ids.length, maxLength: ids.length }),
      locked: fc.boolean(),
      paused: fc.boolean(),
      topic: fc.constantFrom(null, '眠れない夜', 'Work'),
      hands: fc.subarray([...ids]),
      holder: fc.constantFrom(null, 'a', 'b'),
      offeredTo: fc.constantFrom(null, 'c'),
      rules: fc.constantFrom(['Be kind.'], ['Be kind.', 'Listen.']).map((r) => [...r]),
    })
    .chain((v) =>
      fc.tuple(...v.present.map((id) => memberArb(id, ids.indexOf(id)))).map((members) =>
        circle({
          revision,
          members,
          locked: v.locked,
          paused: v.paused,
          topic: v.topic,
          hands: v.hands,
          rules: v.rules,
          piece: {
            holder: v.holder,
            heldSinceMs: v.holder === null ? null : 1_000,
            round: null,
            offeredTo: v.offeredTo,
          },
        }),
      ),
    );

describe('circle deltas', () => {
  it('turn any view into any later one, applied in turn', () => {
    fc.assert(
      fc.property(viewArb(3), viewArb(4), viewArb(7), (first, second, third) => {
        const one = applyCircleDelta(first, diffCircleViews(first, second));
        expect(one).toEqual({ kind: 'applied', view: second });
        if (one.kind !== 'applied') return;
        expect(applyCircleDelta(one.view, diffCircleViews(second, third))).toEqual({
          kind: 'applied',
          view: third,
        });
      }),
    );
  });

  it('carry only what changed, each part whole', () => {
    const before = circle({
      revision: 5,
      members: [member('a', { seat: 0 }), member('b', { seat: 1 }), member('c', { seat: 2 })],
      hands: ['b'],
    });
    const after = circle({
      revision: 6,
      members: [
        member('a', { seat: 0 }),
        member('b', { seat: 1, muted: true }),
        member('d', { seat: 3 }),
      ],
      hands: ['b'],
      locked: true,
    });
    expect(diffCircleViews(before, after)).toEqual({
      from: 5,
      to: 6,
      set: { locked: true },
      members: [member('b', { seat: 1, muted: true }), member('d', { seat: 3 })],
      gone: ['c'],
    });
    // A change nobody sees (a seat spoken for, not yet taken) still moves the revision on.
    expect(diffCircleViews(before, { ...before, revision: 6 })).toEqual({ from: 5, to: 6 });
  });

  it('keep the objects of what a delta leaves alone, so a reader can tell by identity', () => {
    const piece = { holder: 'a', heldSinceMs: 2_000, round: null, offeredTo: null };
    const a = member('a', { seat: 0 });
    const before = circle({ revision: 2, members: [a, member('b', { seat: 1 })], piece });
    const outcome = applyCircleDelta(before, {
      from: 2,
      to: 3,
      members: [member('b', { seat: 1, away: true })],
    });
    if (outcome.kind !== 'applied') throw new Error(`expected applied, got ${outcome.kind}`);
    expect(outcome.view.piece).toBe(piece);
    expect(outcome.view.members[0]).toBe(a);
    expect(outcome.view.members[1]?.away).toBe(true);
  });

  it('lists members by seat after a newcomer takes a seat between others', () => {
    const before = circle({
      revision: 1,
      members: [member('a', { seat: 0 }), member('c', { seat: 2 })],
    });
    const outcome = applyCircleDelta(before, {
      from: 1,
      to: 2,
      members: [member('b', { seat: 1 })],
    });
    expect(outcome.kind === 'applied' && outcome.view.members.map((m) => m.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('say a delta already held is stale, and one after a missing delta is a gap', () => {
    const held = circle({ revision: 4 });
    const delta = (from: number, to: number): CircleDelta => ({ from, to, set: { paused: true } });
    expect(applyCircleDelta(held, delta(3, 4))).toEqual({ kind: 'stale' });
    expect(applyCircleDelta(held, delta(2, 3))).toEqual({ kind: 'stale' });
    expect(applyCircleDelta(held, delta(5, 6))).toEqual({ kind: 'gap' });
    expect(applyCircleDelta(held, delta(4, 5))).toMatchObject({ kind: 'applied' });
  });
});
