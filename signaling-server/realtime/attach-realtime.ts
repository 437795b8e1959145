import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { ErrorCode } from '../../shared/protocol/errors';
import { Limits } from '../../shared/protocol/limits';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { CircleStore } from '../circles/circle-store';
import { IdentityResolver } from '../circles/identity-resolver';
import type { ServerConfig } from '../config';
import { handlerTable, type RequestServices } from '../handlers/handler-table';
import type { Logger } from '../logger';
import { ConnectionLimiter } from './connection-limiter';
import { createDispatcher } from './dispatcher';
import { guardAndDispatch } from './flood-guard';
import type { Cooldown, LimitStore } from '../limits/limit-store';
import type { Identity } from '../ports/caller';
import type { NodeLiveness } from '../state/node-liveness';
import { isOriginAllowed } from './origin-policy';
import type { EngawaServer, EngawaSocket } from './socket-types';

export interface RealtimeDeps {
  config: ServerConfig;
  logger: Logger;
  now: () => number;
  /** Members cut off for flooding, shared with the circle service that refuses their resume. */
  floodPenalties: Cooldown;
  /** Where new connections per address are counted. */
  limits: LimitStore;
  /** Which seated and waiting connections this node holds, for the others if it dies. */
  liveness: NodeLiveness;
  /** False while the shared store cannot be reached. */
  storeAvailable: () => boolean;
}

/** The client's address: the TCP peer, or the first X-Forwarded-For entry behind a proxy. */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy && typeof forwarded === 'string') {
    return forwarded.split(',')[0]?.trim() ?? peer;
  }
  return peer;
}

/** A request that opens a new engine.io session, as opposed to one of an open session's polls. */
function opensSession(req: IncomingMessage): boolean {
  return !new URL(req.url ?? '/', 'http://localhost').searchParams.has('sid');
}

/**
 * Creates the Socket.IO server: origin check, version check, flood guard, then handlers. An
 * adapter carries room emits to the other nodes; without one, everyone is on this node.
 */
export function createRealtimeServer(
  httpServer: HttpServer,
  deps: RealtimeDeps,
  adapter?: ServerOptions['adapter'],
): EngawaServer {
  const { config } = deps;
  const connections = new ConnectionLimiter(
    deps.limits.points('connections', config.connectionsPerMinute, 60),
    config.connectionsPerMinute,
  );
  const io: EngawaServer = new Server(httpServer, {
    ...(adapter ? { adapter } : {}),
    serveClient: false,
    maxHttpBufferSize: Limits.maxMessageBytes,
    // A vanished client is noticed within pingInterval + pingTimeout (18 s by default).
    pingInterval: config.pingIntervalMs,
    pingTimeout: config.pingTimeoutMs,
    allowRequest: (req, callback) => {
      if (!isOriginAllowed(req, config.allowedOrigins)) {
        callback(null, false);
        return;
      }
      if (!opensSession(req)) {
        callback(null, true);
        return;
      }
      const address = clientAddress(req, config.trustProxy);
      connections.admit(address).then(
        ({ admitted, firstRefusal }) => {
          if (firstRefusal) {
            deps.logger.warn({ evt: 'connection.rate_limited' }, 'new connections refused');
          }
          callback(null, admitted);
        },
        () => {
          callback(null, false);
        },
      );
    },
  });

  io.use((socket, next) => {
    const auth = socket.handshake.auth as { protocolVersion?: unknown };
    if (auth.protocolVersion !== PROTOCOL_VERSION) {
      const error = new Error(ErrorCode.ProtocolMismatch) as Error & { data: unknown };
      error.data = { code: ErrorCode.ProtocolMismatch, serverVersion: PROTOCOL_VERSION };
      next(error);
      return;
    }
    next();
  });

  return io;
}

function identityKey(identity: Identity): string {
  switch (identity.kind) {
    case 'guest':
      return 'guest';
    case 'waiting':
      return `waiting/${identity.circleId}/${identity.waitingId}`;
    case 'member':
      return `member/${identity.circleId}/${identity.memberId}`;
  }
}

/** Disconnects still being handled, so a node shutting down can let them finish. */
export interface DisconnectsInFlight {
  settled(): Promise<void>;
}

export function acceptConnections(
  io: EngawaServer,
  services: RequestServices,
  store: CircleStore,
  deps: RealtimeDeps,
): DisconnectsInFlight {
  const inFlight = new Set<Promise<void>>();
  const { config, logger, now, floodPenalties, liveness } = deps;
  // What each socket was last recorded as, so only a change is written.
  const recorded = new WeakMap<EngawaSocket, string>();
  const record = (socket: EngawaSocket) => {
    const key = identityKey(socket.data.identity);
    if ((recorded.get(socket) ?? 'guest') === key) return;
    recorded.set(socket, key);
    liveness.track(socket.id, socket.data.identity);
  };
  const dispatch = createDispatcher(handlerTable(services), logger, new IdentityResolver(store), {
    afterRequest: record,
    storeUnavailable: () => !deps.storeAvailable(),
  });
  const policies = { guest: config.guestFlood, member: config.flood };
  io.on('connection', (socket) => {
    socket.data.identity = { kind: 'guest' };
    socket.data.address = clientAddress(socket.request, config.trustProxy);
    guardAndDispatch(socket, policies, { now, logger, penalties: floodPenalties, dispatch });
    socket.on('disconnect', () => {
      const handled = services.circles
        .disconnected(socket.id, socket.data.identity)
        .catch((error: unknown) => {
          logger.error({ evt: 'disconnect.failed', err: error }, 'disconnect handling failed');
        })
        .finally(() => {
          inFlight.delete(handled);
          if (recorded.has(socket)) liveness.untrack(socket.id);
        });
      inFlight.add(handled);
    });
  });
  return {
    settled: async () => {
      await Promise.all([...inFlight]);
    },
  };
}
