import type { Audiences, Notifier, PayloadOf, ServerEventName } from '../ports/notifier';
import { Rooms, type EngawaServer } from './socket-types';

type Emit = (event: string, ...payload: unknown[]) => boolean;

/** Pushes and audiences as Socket.IO rooms (one per circle, its hosts, member and waiting id). */
export class SocketNotifier implements Notifier, Audiences {
  constructor(private readonly io: EngawaServer) {}

  toCircle<E extends ServerEventName>(circleId: string, event: E, ...payload: PayloadOf<E>): void {
    this.emit(this.io.to(Rooms.circle(circleId)), event, payload);
  }

  toCircleExcept<E extends ServerEventName>(
    circleId: string,
    exceptMemberIds: readonly string[],
    event: E,
    ...payload: PayloadOf<E>
  ): void {
    const except = exceptMemberIds.map((id) => Rooms.member(id));
    this.emit(this.io.to(Rooms.circle(circleId)).except(except), event, payload);
  }

  toHosts<E extends ServerEventName>(circleId: string, event: E, ...payload: PayloadOf<E>): void {
    this.emit(this.io.to(Rooms.hosts(circleId)), event, payload);
  }

  toMembers<E extends ServerEventName>(
    memberIds: readonly string[],
    event: E,
    ...payload: PayloadOf<E>
  ): void {
    if (memberIds.length === 0) return;
    this.emit(this.io.to(memberIds.map((id) => Rooms.member(id))), event, payload);
  }

  toWaiting<E extends ServerEventName>(
    waitingId: string,
    event: E,
    ...payload: PayloadOf<E>
  ): void {
    this.emit(this.io.to(Rooms.waiting(waitingId)), event, payload);
  }

  toConnection<E extends ServerEventName>(
    connectionId: string,
    event: E,
    ...payload: PayloadOf<E>
  ): void {
    this.emit(this.io.to(connectionId), event, payload);
  }

  setHost(circleId: string, memberId: string, host: boolean): void {
    const sockets = this.io.in(Rooms.member(memberId));
    if (host) sockets.socketsJoin(Rooms.hosts(circleId));
    else sockets.socketsLeave(Rooms.hosts(circleId));
  }

  stopWaiting(waitingId: string): void {
    this.io.in(Rooms.waiting(waitingId)).socketsLeave(Rooms.waiting(waitingId));
  }

  releaseMember(circleId: string, memberId: string): void {
    this.io
      .in(Rooms.member(memberId))
      .socketsLeave([Rooms.circle(circleId), Rooms.hosts(circleId), Rooms.member(memberId)]);
  }

  closeCircle(circleId: string, memberIds: readonly string[], waitingIds: readonly string[]): void {
    const rooms = [
      Rooms.circle(circleId),
      Rooms.hosts(circleId),
      ...memberIds.map((id) => Rooms.member(id)),
      ...waitingIds.map((id) => Rooms.waiting(id)),
    ];
    this.io.in(rooms).socketsLeave(rooms);
  }

  disconnect(connectionId: string): void {
    this.io.in(connectionId).disconnectSockets(true);
  }

  /** Socket.IO's typed emit cannot follow a generic event name; each method typed it above. */
  private emit(target: { emit: unknown }, event: ServerEventName, payload: unknown[]): void {
    (target.emit as Emit).call(target, event, ...payload);
  }
}
