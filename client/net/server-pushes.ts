import type { ServerToClientEvents } from '../../shared/protocol/server-events';
import type { ClientSocket } from './signaling-client';

/** Listens to several server pushes at once; returns what stops listening to all of them. */
export function onServerPushes(
  socket: ClientSocket,
  handlers: Partial<ServerToClientEvents>,
): () => void {
  // Each handler was checked against its event by the parameter's type; socket.io's overloads
  // cannot follow a loop over the keys.
  const entries = Object.entries(handlers) as [keyof ServerToClientEvents, never][];
  for (const [event, handler] of entries) socket.on(event, handler);
  return () => {
    for (const [event, handler] of entries) socket.off(event, handler);
  };
}
