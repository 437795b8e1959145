import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { ErrorCode } from '../../shared/protocol/errors';
import { Limits } from '../../shared/protocol/limits';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { ServerConfig } from '../config';
import { registerHandlers, type RequestServices } from '../handlers/register-handlers';
import type { Logger } from '../logger';
import { guardAgainstFlood } from './flood-guard';
import type { MemberCooldown } from './member-cooldown';
import { isOriginAllowed } from './origin-policy';
import type { EngawaServer, EngawaSocket } from './socket-types';

export interface RealtimeDeps {
  config: ServerConfig;
  logger: Logger;
  now: () => number;
  /** Members cut off for flooding, shared with the circle service that refuses their resume. */
  floodPenalties: MemberCooldown;
}

function clientAddress(socket: EngawaSocket, trustProxy: boolean): string {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') {
    return forwarded.split(',')[0]?.trim() ?? socket.handshake.address;
  }
  return socket.handshake.address;
}

/** Creates the Socket.IO server: origin check, version check, flood guard, then handlers. */
export function createRealtimeServer(httpServer: HttpServer, deps: RealtimeDeps): EngawaServer {
  const { config } = deps;
  const io: EngawaServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: Limits.maxMessageBytes,
    // A vanished client is noticed within pingInterval + pingTimeout (18 s by default).
    pingInterval: config.pingIntervalMs,
    pingTimeout: config.pingTimeoutMs,
    allowRequest: (req, callback) => {
      callback(null, isOriginAllowed(req, config.allowedOrigins));
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

export function acceptConnections(
  io: EngawaServer,
  services: RequestServices,
  deps: RealtimeDeps,
): void {
  const { config, logger, now, floodPenalties } = deps;
  io.on('connection', (socket) => {
    socket.data.identity = { kind: 'guest' };
    socket.data.address = clientAddress(socket, config.trustProxy);
    guardAgainstFlood(
      socket,
      { guest: config.guestFlood, member: config.flood },
      now,
      logger,
      floodPenalties,
    );
    registerHandlers(socket, services, logger);
    socket.on('disconnect', () => {
      services.circles.disconnected(socket).catch((error: unknown) => {
        logger.error({ evt: 'disconnect.failed', err: error }, 'disconnect handling failed');
      });
    });
  });
}
