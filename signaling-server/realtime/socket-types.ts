import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents } from '../../shared/protocol/client-events';
import type { InterServerEvents, ServerToClientEvents } from '../../shared/protocol/server-events';

/** Who a socket is, as far as the server knows. Never taken from the client. */
export type Identity =
  | { kind: 'guest' }
  | { kind: 'waiting'; circleId: string; waitingId: string }
  | { kind: 'member'; circleId: string; memberId: string };

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
