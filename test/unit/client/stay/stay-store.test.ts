import type { ChatMessage, EnteredCircle, WaitingView } from '../../../../shared/circle/views';
import { StayStore } from '../../../../client/stay/stay-store';
import type { StayChange } from '../../../../client/stay/stay';
import { circle, member } from '../facilitation/fixtures';

function entered(extra: Partial<EnteredCircle> = {}): EnteredCircle {
  return {
    self: { memberId: 'a', resumeToken: 't', blocked: [] },
    circle: circle({ members: [member('a'), member('b')], revision: 1 }),
    chat: [],
    ...extra,
  };
}

function line(id: string, from: string): ChatMessage {
  return { id, from, name: `name-${from}`, text: `text ${id}`, at: 0 };
}

/** A store with every change it announced. */
function recorded(): { store: StayStore; changes: StayChange[] } {
  const store = new StayStore();
  const changes: StayChange[] = [];
  store.subscribe((_stay, change) => changes.push(change));
  return { store, changes };
}

const bo: WaitingView = { id: 'w1', name: 'Bo', since: 1, connected: true, takingPart: 'speak' };
const chie: WaitingView = {
  id: 'w2',
  name: 'Chie',
  since: 2,
  connected: true,
  takingPart: 'speak',
};

describe('StayStore', () => {
  it('goes from the start to waiting to a circle, and says the circle came from the waiting room', () => {
    const { store, changes } = recorded();
    store.knocked('Aki');
    expect(store.state).toEqual({ phase: 'waiting', name: 'Aki' });
    store.entered(entered());
    expect(store.inCircle?.selfId).toBe('a');
    expect(changes).toEqual([
      { kind: 'knocked' },
      { kind: 'entered', resumed: false, fromWaitingRoom: true },
    ]);
  });

  it('keeps only newer views of the circle and hands subscribers the one before', () => {
    const { store, changes } = recorded();
    store.entered(entered());
    const first = store.inCircle?.circle;
    const next = circle({ members: [member('a')], revision: 2 });
    store.circleChanged(next);
    store.circleChanged(circle({ members: [], revision: 2 }));
    store.circleChanged(circle({ members: [], revision: 1 }));
    expect(store.inCircle?.circle).toBe(next);
    expect(changes.filter((c) => c.kind === 'circle')).toEqual([
      { kind: 'circle', previous: first },
    ]);
  });

  it('names who newly knocked', () => {
    const { store, changes } = recorded();
    store.entered(
      entered({
        waiting: { revision: 3, waiting: [bo] },
      }),
    );
    store.waitingChanged({ revision: 4, waiting: [bo, chie] });
    expect(changes.at(-1)).toEqual({ kind: 'waiting', arrived: [chie] });
  });

  it('follows the waiting list change by change, and asks for it whole after a gap', () => {
    const { store, changes } = recorded();
    store.entered(entered({ waiting: { revision: 3, waiting: [bo] } }));
    // Chie knocks; Bo's connection drops, and his place is held.
    expect(store.waitingDelta({ from: 3, to: 4, set: [chie] })).toBeUndefined();
    expect(changes.at(-1)).toEqual({ kind: 'waiting', arrived: [chie] });
    const away = { ...bo, connected: false };
    expect(store.waitingDelta({ from: 4, to: 5, set: [away] })).toBeUndefined();
    expect(store.inCircle?.waiting).toEqual([away, chie]);
    // A change already held changes nothing; one after a missing change is a gap.
    const before = changes.length;
    expect(store.waitingDelta({ from: 4, to: 5, set: [bo] })).toBeUndefined();
    expect(store.waitingDelta({ from: 6, to: 7, gone: [chie.id] })).toBe('gap');
    expect(changes).toHaveLength(before);
    expect(store.inCircle?.waiting).toEqual([away, chie]);
    // The whole list fetched after the gap; an older whole list that arrives late is ignored.
    store.waitingChanged({ revision: 7, waiting: [away] });
    store.waitingChanged({ revision: 6, waiting: [away, chie] });
    expect(store.inCircle?.waiting).toEqual([away]);
    expect(store.inCircle?.waitingRevision).toBe(7);
    expect(store.waitingDelta({ from: 7, to: 8, gone: [bo.id] })).toBeUndefined();
    expect(store.inCircle?.waiting).toEqual([]);
  });

  it('never keeps a line arriving from a blocked member, and keeps older lines for an unblock', () => {
    const { store } = recorded();
    store.entered(entered({ chat: [line('1', 'b')] }));
    store.blockedChanged(['b']);
    store.chatAdded(line('2', 'b'));
    store.chatAdded(line('3', 'a'));
    store.chatAdded(line('3', 'a'));
    expect(store.inCircle?.chat.map((l) => l.id)).toEqual(['1', '3']);
    expect([...(store.inCircle?.blocked ?? [])]).toEqual(['b']);
    store.blockedChanged([]);
    expect(store.inCircle?.blocked.size).toBe(0);
  });

  it('keeps the inbox and the bars across a reconnect, newest alert first', () => {
    const { store, changes } = recorded();
    store.entered(entered({ moderation: { barred: [{ id: 'x', name: 'X', at: 1 }] } }));
    store.inboxAdded({ kind: 'help', memberId: 'b', at: 1 });
    store.inboxAdded({ kind: 'help', memberId: 'a', at: 2 });
    store.entered(entered());
    expect(store.inCircle?.inbox.map((i) => (i.kind === 'help' ? i.at : 0))).toEqual([2, 1]);
    expect(store.inCircle?.barred).toHaveLength(1);
    expect(changes.at(-1)).toEqual({ kind: 'entered', resumed: true, fromWaitingRoom: false });
  });

  it('ignores circle pushes outside a circle and forgets the stay on leaving', () => {
    const { store, changes } = recorded();
    store.circleChanged(circle({ revision: 5 }));
    store.chatAdded(line('1', 'b'));
    store.inboxAdded({ kind: 'help', memberId: 'b', at: 1 });
    store.returnedToLobby();
    expect(changes).toEqual([]);
    store.entered(entered());
    store.returnedToLobby();
    expect(store.state).toEqual({ phase: 'lobby' });
    expect(store.inCircle).toBeUndefined();
    expect(changes.at(-1)).toEqual({ kind: 'lobby' });
  });

  it('stops telling a subscriber once it unsubscribes', () => {
    const store = new StayStore();
    const seen: string[] = [];
    const off = store.subscribe((_s, change) => seen.push(change.kind));
    store.knocked('Aki');
    off();
    store.returnedToLobby();
    expect(seen).toEqual(['knocked']);
  });
});
