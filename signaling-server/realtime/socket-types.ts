import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents } from '../../shared/protocol/client-events';
import type { InterServerEvents, ServerToClientEvents } from '../../shared/protocol/server-events';
import type { Identity } from '../ports/caller';

export interface SocketData {
  identity: Identity;
  /** The client's network address, used to limit guesses of circle codes. */
  address: string;
}

export type EngawaServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type EngawaSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** Socket.IO room names, one helper per kind so no string is built twice. */
export const Rooms = {
  circle: (circleId: string) => `c:${circleId}`,
  /** The facilitator and co-facilitators who are connected. */
  hosts: (circleId: string) => `f:${circleId}`,
  member: (memberId: string) => `m:${memberId}`,
  waiting: (waitingId: string) => `w:${waitingId}`,
} as const;
