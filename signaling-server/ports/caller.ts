import type { CircleRecord } from '../circles/circle-record';

/** Who a connection is, as far as the server knows. Never taken from the client. */
export type Identity =
  | { kind: 'guest' }
  | { kind: 'waiting'; circleId: string; waitingId: string }
  | { kind: 'member'; circleId: string; memberId: string };

/** A member holding their seat on this connection, and the circle as the guard just read it. */
export interface SeatedMember {
  circleId: string;
  memberId: string;
  circle: CircleRecord;
}

/**
 * The connection a request came from, as the request guard resolved it against the store
 * before the service runs. Services change who it is only through these methods, so they
 * never touch the transport.
 */
export interface Caller {
  readonly connectionId: string;
  /** The network address, for per-address limits (never logged). */
  readonly address: string;
  readonly identity: Identity;
  /** Seats this connection as a member (with the hosts' pushes when `host`). */
  seatAs(circleId: string, memberId: string, host: boolean): void;
  /** This connection now waits at a circle's door. */
  waitAs(circleId: string, waitingId: string): void;
  /** Back to a guest: stops waiting. */
  release(): void;
}

/** A caller the guard found seated: every member's, host's or holder's request. */
export interface SeatedCaller extends Caller {
  readonly seat: SeatedMember;
}

/** A caller the guard found waiting at a door. */
export interface WaitingCaller extends Caller {
  readonly waiting: { circleId: string; waitingId: string };
}
