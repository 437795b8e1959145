import { EventEmitter } from 'node:events';
import type { CircleDelta } from '../../../../shared/circle/circle-delta';
import type { CircleView, WaitingList } from '../../../../shared/circle/views';
import {
  packCircleView,
  packDelta,
  type PackedCircleView,
} from '../../../../shared/circle/wire-views';
import type { Ack } from '../../../../shared/protocol/ack';
import type { SignalingClient } from '../../../../client/net/signaling-client';
import { feedStayFromServer } from '../../../../client/stay/server-feed';
import { StayStore } from '../../../../client/stay/stay-store';
import { circle, member } from '../facilitation/fixtures';

/** A client whose requests wait until the test answers the last one. */
function fakeClient<A>() {
  const socket = new EventEmitter();
  const asked: string[] = [];
  let answer: (ack: Ack<A>) => void = () => undefined;
  const client = {
    socket,
    request: (event: string) => {
      asked.push(event);
      return new Promise<Ack<A>>((resolve) => {
        answer = resolve;
      });
    },
  } as unknown as SignalingClient;
  return {
    client,
    socket,
    asked,
    answer: (ack: Ack<A>) => {
      answer(ack);
    },
  };
}

/** The server's side of the feed: pushes it sends, and answers to `circle:sync`. */
function fakeServer(whole: () => CircleView) {
  const { client, socket, asked, answer } = fakeClient<PackedCircleView>();
  return {
    client,
    asked,
    // As the server sends them: packed.
    push: (delta: CircleDelta) => socket.emit('circle:delta', packDelta(delta)),
    answerSync: () => {
      answer({ ok: true, data: packCircleView(whole()) });
    },
  };
}

function seated(store: StayStore, revision: number): void {
  store.entered({
    self: { memberId: 'a', resumeToken: 't', blocked: [] },
    circle: circle({ revision, members: [member('a', { seat: 0 })] }),
    chat: [],
  });
}

describe('the stay fed from the server', () => {
  it('follows deltas, and fetches the whole view once when one is missing', async () => {
    const store = new StayStore();
    seated(store, 3);
    const latest = circle({
      revision: 6,
      members: [member('a', { seat: 0 }), member('b', { seat: 1 })],
      locked: true,
    });
    const server = fakeServer(() => latest);
    const stop = feedStayFromServer(server.client, store);

    server.push({ from: 3, to: 4, set: { paused: true } });
    expect(store.inCircle?.circle).toMatchObject({ revision: 4, paused: true });
    expect(server.asked).toEqual([]);

    // 4 → 5 went missing: the whole view is fetched once, and what comes meanwhile waits.
    server.push({ from: 5, to: 6, set: { locked: true } });
    server.push({ from: 6, to: 7, set: { paused: false } });
    expect(server.asked).toEqual(['circle:sync']);
    expect(store.inCircle?.circle.revision).toBe(4);
    server.answerSync();
    await Promise.resolve();
    // The whole view was at 6; the delta that came meanwhile takes it on to 7.
    expect(store.inCircle?.circle).toMatchObject({ revision: 7, locked: true, paused: false });
    expect(store.inCircle?.circle.members).toEqual(latest.members);

    server.push({ from: 7, to: 8, members: [member('c', { seat: 2 })] });
    expect(store.inCircle?.circle.members.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(server.asked).toEqual(['circle:sync']);
    stop();
    server.push({ from: 8, to: 9, set: { paused: true } });
    expect(store.inCircle?.circle.revision).toBe(8);
  });

  it('ignores deltas outside a circle and deltas already held', () => {
    const store = new StayStore();
    const server = fakeServer(() => circle());
    const stop = feedStayFromServer(server.client, store);
    server.push({ from: 1, to: 2, set: { paused: true } });
    expect(store.state).toEqual({ phase: 'lobby' });
    seated(store, 5);
    const held = store.inCircle?.circle;
    server.push({ from: 4, to: 5, set: { paused: true } });
    expect(store.inCircle?.circle).toBe(held);
    expect(server.asked).toEqual([]);
    stop();
  });

  it('follows the waiting list of a host change by change, and fetches it whole after a gap', async () => {
    const store = new StayStore();
    const bo = { id: 'w1', name: 'Bo', since: 1, connected: true, takingPart: 'speak' } as const;
    const chie = { ...bo, id: 'w2', name: 'Chie', since: 2 };
    store.entered({
      self: { memberId: 'a', resumeToken: 't', blocked: [] },
      circle: circle({ members: [member('a', { seat: 0, role: 'facilitator' })] }),
      chat: [],
      waiting: { revision: 2, waiting: [] },
    });
    const { client, socket, asked, answer } = fakeClient<WaitingList>();
    const stop = feedStayFromServer(client, store);

    socket.emit('waiting:delta', { from: 2, to: 3, set: [bo] });
    expect(store.inCircle?.waiting).toEqual([bo]);
    // 3 → 4 went missing: the whole list is fetched, and a change that comes meanwhile waits.
    socket.emit('waiting:delta', { from: 4, to: 5, gone: ['w1'] });
    socket.emit('waiting:delta', { from: 5, to: 6, set: [chie] });
    expect(asked).toEqual(['waiting:sync']);
    expect(store.inCircle?.waiting).toEqual([bo]);
    answer({ ok: true, data: { revision: 5, waiting: [] } });
    await Promise.resolve();
    expect(store.inCircle?.waiting).toEqual([chie]);
    expect(store.inCircle?.waitingRevision).toBe(6);
    // Made co-facilitator elsewhere, or reloaded: a whole list replaces what is held.
    socket.emit('waiting:list', { revision: 7, waiting: [bo, chie] });
    expect(store.inCircle?.waiting).toEqual([bo, chie]);
    stop();
  });
});
