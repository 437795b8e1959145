import type { ClientSocket } from '../net/signaling-client';
import { onServerPushes } from '../net/server-pushes';
import type { StayStore } from './stay-store';

/** Feeds the server's pushes about the circle into the stay. Returns what stops it. */
export function feedStayFromServer(socket: ClientSocket, store: StayStore): () => void {
  return onServerPushes(socket, {
    'circle:state': (circle) => {
      store.circleChanged(circle);
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
