import type { ServerOptions } from 'socket.io';
import type { CircleStore } from '../circles/circle-store';
import type { ChatLog } from '../conversation/chat-log';
import type { Deadlines } from '../deadlines/deadlines';
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
  /** Which node holds which connection, so a node that dies is noticed by the others. */
  liveness: NodeLiveness;
  /** The Socket.IO adapter that carries room emits to every node; none for one process. */
  adapter?: ServerOptions['adapter'];
  /** Whether the shared state answers right now. */
  reachable(): Promise<boolean>;
  /** Whether its connection is up, without asking (for a request that just failed). */
  connected(): boolean;
  /** Stops sweeping deadlines; the connections stay open until `close`. */
  stopDeadlines(): void;
  close(): Promise<void>;
}
