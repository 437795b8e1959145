import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CircleService } from './circles/circle-service';
import type { CircleStore } from './circles/circle-store';
import { CodeAttemptLimiter } from './circles/code-attempt-limiter';
import { realScheduler, type Scheduler } from './circles/grace-timers';
import { MemoryCircleStore } from './circles/memory-circle-store';
import type { ServerConfig } from './config';
import { createApp } from './http/create-app';
import { createLogger, type Logger } from './logger';
import { PresenceService } from './presence/presence-service';
import { acceptConnections, createRealtimeServer } from './realtime/attach-realtime';
import type { EngawaServer } from './realtime/socket-types';
import { lanAddresses } from './tls/lan-addresses';
import { ensureCertificate } from './tls/self-signed-certificate';
import { VoiceService } from './voice/voice-service';
import packageJson from '../package.json';

export interface RunningServer {
  /** Base URL on the loopback interface, e.g. http://localhost:8080. */
  url: string;
  port: number;
  io: EngawaServer;
  circles: CircleService;
  voice: VoiceService;
  presence: PresenceService;
  store: CircleStore;
  close(): Promise<void>;
}

export interface StartOptions {
  store?: CircleStore;
  logger?: Logger;
  scheduler?: Scheduler;
  now?: () => number;
}

/** Starts Express + Socket.IO on the configured port (0 picks a free one, as tests do). */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = options.store ?? new MemoryCircleStore();
  const now = options.now ?? Date.now;

  // The app reports connection counts from the Socket.IO server created just below.
  let io: EngawaServer | undefined = undefined;
  const app = createApp({
    staticDirs: config.staticDirs,
    version: packageJson.version,
    counts: async () => ({
      circles: await store.count(),
      connections: io?.engine.clientsCount ?? 0,
    }),
  });
  const httpServer: HttpServer = config.https
    ? createHttpsServer(await ensureCertificate(config.tlsDir, lanAddresses()), app)
    : createHttpServer(app);

  const realtimeDeps = { config, logger, now };
  io = createRealtimeServer(httpServer, realtimeDeps);
  const circles = new CircleService({
    io,
    store,
    logger,
    now,
    scheduler: options.scheduler ?? realScheduler,
    codeAttempts: new CodeAttemptLimiter(config.codeAttempts),
    memberGraceMs: config.memberGraceMs,
    facilitatorGraceMs: config.facilitatorGraceMs,
    maxCircles: config.maxCircles,
    voice: config.voice,
  });
  const voice = new VoiceService({ io, store, logger, now, voice: config.voice });
  const presence = new PresenceService({
    io,
    store,
    logger,
    now,
    reactionCooldownMs: config.reactionCooldownMs,
  });
  acceptConnections(io, { circles, voice, presence }, realtimeDeps);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const scheme = config.https ? 'https' : 'http';
  const running = io;
  logger.info({ evt: 'server.listening', port, https: config.https }, 'listening');

  return {
    url: `${scheme}://localhost:${port}`,
    port,
    io: running,
    circles,
    voice,
    presence,
    store,
    close: async () => {
      circles.dispose();
      running.disconnectSockets(true);
      const closed = new Promise<void>((resolve) => {
        void running.close(() => {
          resolve();
        });
      });
      // Idle keep-alive connections would otherwise hold the HTTP server open.
      httpServer.closeAllConnections();
      await closed;
    },
  };
}
