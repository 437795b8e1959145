import type { ServerToClientEvents } from '../../shared/protocol/server-events';

export type ServerEventName = keyof ServerToClientEvents;
export type PayloadOf<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>;

/**
 * How services tell people things. Audiences are circles, their hosts, members, people waiting
 * and single connections, never transport objects, so the pushes can cross processes.
 */
export interface Notifier {
  toCircle<E extends ServerEventName>(circleId: string, event: E, ...payload: PayloadOf<E>): void;
  /** The circle, leaving out these members (someone either side blocked, say). */
  toCircleExcept<E extends ServerEventName>(
    circleId: string,
    exceptMemberIds: readonly string[],
    event: E,
    ...payload: PayloadOf<E>
  ): void;
  /** The circle's connected facilitator and co-facilitators. */
  toHosts<E extends ServerEventName>(circleId: string, event: E, ...payload: PayloadOf<E>): void;
  toMembers<E extends ServerEventName>(
    memberIds: readonly string[],
    event: E,
    ...payload: PayloadOf<E>
  ): void;
  toWaiting<E extends ServerEventName>(waitingId: string, event: E, ...payload: PayloadOf<E>): void;
  toConnection<E extends ServerEventName>(
    connectionId: string,
    event: E,
    ...payload: PayloadOf<E>
  ): void;
}

/** Who hears what as people's places change; the transport's rooms follow these. */
export interface Audiences {
  /** A member's connections start or stop hearing what the circle's hosts hear. */
  setHost(circleId: string, memberId: string, host: boolean): void;
  /** Whoever waited under this id stops hearing as a waiting person. */
  stopWaiting(waitingId: string): void;
  /** A member's connections stop hearing the circle. */
  releaseMember(circleId: string, memberId: string): void;
  /** Everyone stops hearing a circle that ended. */
  closeCircle(circleId: string, memberIds: readonly string[], waitingIds: readonly string[]): void;
  /** Ends a connection (a newer one took its seat). */
  disconnect(connectionId: string): void;
}
