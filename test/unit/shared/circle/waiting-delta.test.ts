import { applyWaitingDelta, diffWaiting } from '../../../../shared/circle/waiting-delta';
import type { WaitingList, WaitingView } from '../../../../shared/circle/views';

function knock(id: string, over: Partial<WaitingView> = {}): WaitingView {
  return {
    id,
    name: `name-${id}`,
    since: Number(id.slice(1)),
    connected: true,
    takingPart: 'speak',
    ...over,
  };
}

function list(revision: number, ...waiting: WaitingView[]): WaitingList {
  return { revision, waiting };
}

describe('diffWaiting', () => {
  it('carries only the knocks that came or changed, and the ids of those gone', () => {
    const before = list(4, knock('w1'), knock('w2'), knock('w3'));
    const after = list(6, knock('w1'), knock('w3', { connected: false }), knock('w4'));
    expect(diffWaiting(before, after)).toEqual({
      from: 4,
      to: 6,
      set: [knock('w3', { connected: false }), knock('w4')],
      gone: ['w2'],
    });
  });

  it('is empty between the same list', () => {
    expect(diffWaiting(list(2, knock('w1')), list(2, knock('w1')))).toEqual({ from: 2, to: 2 });
  });

  it('turns any list into any other when applied', () => {
    const lists = [
      list(1),
      list(2, knock('w1')),
      list(3, knock('w1'), knock('w2')),
      list(4, knock('w1', { connected: false }), knock('w2')),
      list(5, knock('w2')),
      list(6, knock('w2', { takingPart: 'listen' }), knock('w5'), knock('w6')),
      list(7),
    ];
    for (const before of lists) {
      for (const after of lists) {
        if (after.revision <= before.revision) continue;
        const outcome = applyWaitingDelta(before, diffWaiting(before, after));
        expect(outcome).toEqual({ kind: 'applied', view: after });
      }
    }
  });
});

describe('applyWaitingDelta', () => {
  const held = list(3, knock('w1'), knock('w2'));

  it('keeps the order people knocked in, and the entries it leaves alone', () => {
    const outcome = applyWaitingDelta(held, {
      from: 3,
      to: 4,
      set: [knock('w3'), knock('w1', { connected: false })],
    });
    expect(outcome.kind).toBe('applied');
    if (outcome.kind !== 'applied') return;
    expect(outcome.view.waiting.map((w) => [w.id, w.connected])).toEqual([
      ['w1', false],
      ['w2', true],
      ['w3', true],
    ]);
    expect(outcome.view.waiting[1]).toBe(held.waiting[1]);
  });

  it('ignores a change already held, and finds one missing before it', () => {
    expect(applyWaitingDelta(held, { from: 2, to: 3, gone: ['w1'] })).toEqual({ kind: 'stale' });
    expect(applyWaitingDelta(held, { from: 4, to: 5, gone: ['w1'] })).toEqual({ kind: 'gap' });
  });
});
