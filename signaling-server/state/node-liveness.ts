import type { Identity } from '../ports/caller';

/** A connection that was held by a node that stopped answering, and when it was last seen. */
export interface LostConnection {
  connectionId: string;
  identity: Identity;
  /** Milliseconds since the epoch, on the real clock: the dead node's last heartbeat. */
  lastSeenAt: number;
}

/**
 * Which node holds which seated or waiting connection, so that when a node dies without a
 * word (a crash, `kill -9`) the others still let its people's seats go at the end of their
 * hold. A node that stops normally disconnects its sockets, which does the same at once.
 */
export interface NodeLiveness {
  /** This node's connection is now who `identity` says (a guest is forgotten). */
  track(connectionId: string, identity: Identity): void;
  /** This node's connection closed and was handled here. */
  untrack(connectionId: string): void;
  /** Starts beating and watching; `onLost` runs for each connection of a node found dead. */
  start(handlers: {
    onLost(lost: LostConnection): Promise<void>;
    /** Others took this node for dead (it stalled): its sockets must reconnect and resume. */
    onEvicted(): void;
  }): void;
  /** Stops beating; with `leave`, says this node has gone and holds nothing. */
  stop(leave: boolean): Promise<void>;
}

/** One node: nothing to watch. */
export const singleNode: NodeLiveness = {
  track: () => undefined,
  untrack: () => undefined,
  start: () => undefined,
  stop: () => Promise.resolve(),
};
