import type { ServerOptions } from 'socket.io';
import type { CircleStore } from '../circles/circle-store';
import type { ChatLog } from '../conversation/chat-log';
import type { Deadlines } from '../deadlines/deadlines';
import type { FacilitatorKeys } from '../facilitators/facilitator-keys';
import type { GatheringStore } from '../schedule/gathering-store';
import type { LimitStore } from '../limits/limit-store';
import type { NodeLiveness } from './node-liveness';

/**
 * Where everything that must outlive one process lives: in this process by default, or in
 * Redis, shared by every node, when `REDIS_URL` is set. Services see only these parts.
 */
export interface SharedState {
  /** `memory` or `redis`, as `/healthz` and the start-up line report it. */
  kind: 'memory' | 'redis';
  store: CircleStore;
  deadlines: Deadlines;
  /** Each circle's recent chat (at most `Limits.chatHistoryMax` lines), gone with the circle. */
  chat: ChatLog;
  /** Rate limits and cooldowns, per member or address. */
  limits: LimitStore;
  /** The operator's facilitator keys, hashed; unlike the rest, kept until revoked. */
  facilitatorKeys: FacilitatorKeys;
  /** The schedule: gatherings set up ahead of time; kept until cancelled, like the keys. */
  gatherings: GatheringStore;
  /** Which node holds which connection, so a node that dies is noticed by the others. */
  liveness: NodeLiveness;
  /** The Socket.IO adapter that carries room emits to every node; none for one process. */
  adapter?: ServerOptions['adapter'];
  /** Open circles (every node's), or null when the store cannot be read right now. */
  circleCount(): Promise<number | null>;
  /** Whether its connection is up, without asking (for a request that just failed). */
  connected(): boolean;
  /**
   * This node is about to close its sockets. In memory nothing outlives the process, so the
   * deadlines go now and no seat is held for the sockets about to close; shared state is left
   * as it is, for the other nodes and for this node's return.
   */
  beforeShutdown(): void;
  close(): Promise<void>;
}
