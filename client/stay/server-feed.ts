import type { CircleDelta } from '../../shared/circle/circle-delta';
import { unpackCircleView, unpackDelta } from '../../shared/circle/wire-views';
import type { SignalingClient } from '../net/signaling-client';
import { onServerPushes } from '../net/server-pushes';
import type { StayStore } from './stay-store';

/** Feeds the server's pushes about the circle into the stay. Returns what stops it. */
export function feedStayFromServer(client: SignalingClient, store: StayStore): () => void {
  /** Deltas that came while the whole view was being fetched; undefined when none is. */
  let held: CircleDelta[] | undefined;
  const receive = (delta: CircleDelta) => {
    if (held) held.push(delta);
    else if (store.circleDelta(delta) === 'gap') void sync();
  };
  // A change went missing (or overtook another on its way between nodes): fetch the whole
  // view, then go on with whatever came meanwhile, since the view may predate it.
  const sync = async () => {
    held = [];
    const answer = await client.request('circle:sync', {});
    const meanwhile = held;
    held = undefined;
    if (answer.ok) store.circleChanged(unpackCircleView(answer.data));
    for (const delta of meanwhile) receive(delta);
  };
  return onServerPushes(client.socket, {
    'circle:delta': (packed) => {
      receive(unpackDelta(packed));
    },
    'waiting:list': (waiting) => {
      store.waitingChanged(waiting);
    },
    'moderation:state': ({ barred }) => {
      store.barredChanged(barred);
    },
    'chat:message': (line) => {
      store.chatAdded(line);
    },
    'chat:cleared': () => {
      store.chatCleared();
    },
    'report:received': (report) => {
      store.inboxAdded({ kind: 'report', report });
    },
    'help:alerted': ({ memberId, at }) => {
      store.inboxAdded({ kind: 'help', memberId, at });
    },
    'message:private': (message) => {
      store.inboxAdded({ kind: 'message', message });
    },
  });
}
