import type { CircleDelta } from '../../shared/circle/circle-delta';
import type { WaitingDelta } from '../../shared/circle/waiting-delta';
import { unpackCircleView, unpackDelta } from '../../shared/circle/wire-views';
import type { SignalingClient } from '../net/signaling-client';
import { onServerPushes } from '../net/server-pushes';
import type { StayStore } from './stay-store';

/**
 * Follows numbered changes: applies each, and when one before it went missing (or overtook
 * another on its way between nodes) fetches the whole, then goes on with whatever came
 * meanwhile, since the whole may predate it.
 */
function followChanges<D, A>(
  apply: (delta: D) => 'gap' | undefined,
  fetchWhole: () => Promise<A>,
  takeWhole: (answer: A) => void,
): (delta: D) => void {
  /** Changes that came while the whole was being fetched; undefined when it is not. */
  let held: D[] | undefined;
  const receive = (delta: D) => {
    if (held) held.push(delta);
    else if (apply(delta) === 'gap') void sync();
  };
  const sync = async () => {
    held = [];
    const answer = await fetchWhole();
    const meanwhile = held;
    held = undefined;
    takeWhole(answer);
    for (const delta of meanwhile) receive(delta);
  };
  return receive;
}

/** Feeds the server's pushes about the circle into the stay. Returns what stops it. */
export function feedStayFromServer(client: SignalingClient, store: StayStore): () => void {
  const circleChange = followChanges(
    (delta: CircleDelta) => store.circleDelta(delta),
    () => client.request('circle:sync', {}),
    (answer) => {
      if (answer.ok) store.circleChanged(unpackCircleView(answer.data));
    },
  );
  const waitingChange = followChanges(
    (delta: WaitingDelta) => store.waitingDelta(delta),
    () => client.request('waiting:sync', {}),
    (answer) => {
      if (answer.ok) store.waitingChanged(answer.data);
    },
  );
  return onServerPushes(client.socket, {
    'circle:delta': (packed) => {
      circleChange(unpackDelta(packed));
    },
    'waiting:list': (list) => {
      store.waitingChanged(list);
    },
    'waiting:delta': (delta) => {
      waitingChange(delta);
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
