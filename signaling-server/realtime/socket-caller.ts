import type { Caller, Identity } from '../ports/caller';
import { Rooms, type EngawaSocket } from './socket-types';

/** A request's connection as a Socket.IO socket: identity in its data, audiences as rooms. */
export class SocketCaller implements Caller {
  constructor(protected readonly socket: EngawaSocket) {}

  get connectionId(): string {
    return this.socket.id;
  }

  get address(): string {
    return this.socket.data.address;
  }

  get identity(): Identity {
    return this.socket.data.identity;
  }

  seatAs(circleId: string, memberId: string, host: boolean): void {
    this.socket.data.identity = { kind: 'member', circleId, memberId };
    const rooms = [Rooms.circle(circleId), Rooms.member(memberId)];
    if (host) rooms.push(Rooms.hosts(circleId));
    void this.socket.join(rooms);
  }

  waitAs(circleId: string, waitingId: string): void {
    this.socket.data.identity = { kind: 'waiting', circleId, waitingId };
    void this.socket.join(Rooms.waiting(waitingId));
  }

  release(): void {
    const identity = this.socket.data.identity;
    if (identity.kind === 'waiting') void this.socket.leave(Rooms.waiting(identity.waitingId));
    this.socket.data.identity = { kind: 'guest' };
  }
}
