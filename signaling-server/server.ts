import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CircleBroadcaster } from './circles/circle-broadcasts';
import { CircleChanges } from './circles/circle-changes';
import { CircleService } from './circles/circle-service';
import type { CircleStore } from './circles/circle-store';
import { AttemptLimiter } from './limits/attempt-limiter';
import { realScheduler, type Scheduler } from '../shared/time/time';
import type { ServerConfig } from './config';
import type { ChatLog } from './conversation/chat-log';
import { ConversationService } from './conversation/conversation-service';
import { FacilitationService } from './facilitation/facilitation-service';
import { FacilitatorAccess } from './facilitators/facilitator-access';
import { ScheduleService } from './schedule/schedule-service';
import { PieceService } from './facilitation/piece-service';
import { loadHelpResources } from './help/help-resources-file';
import { createApp } from './http/create-app';
import { createLogger, type Logger } from './logger';
import { PresenceService } from './presence/presence-service';
import { acceptConnections, createRealtimeServer } from './realtime/attach-realtime';
import { SafetyService } from './safety/safety-service';
import { SocketNotifier } from './realtime/socket-notifier';
import type { EngawaServer } from './realtime/socket-types';
import { lanAddresses } from './tls/lan-addresses';
import { ensureCertificate } from './tls/self-signed-certificate';
import { TableService } from './tables/table-service';
import { WordChainService } from './tables/word-chain-service';
import { VoiceService } from './voice/voice-service';
import packageJson from '../package.json';
import type { Deadlines } from './deadlines/deadlines';
import { embeddedState } from './state/embedded-state';
import { redisState } from './state/redis-state';
import type { SharedState } from './state/shared-state';

export interface RunningServer {
  /** Base URL on the loopback interface, e.g. http://localhost:8080. */
  url: string;
  port: number;
  io: EngawaServer;
  circles: CircleService;
  voice: VoiceService;
  presence: PresenceService;
  facilitation: FacilitationService;
  piece: PieceService;
  conversation: ConversationService;
  safety: SafetyService;
  chat: ChatLog;
  store: CircleStore;
  deadlines: Deadlines;
  state: SharedState;
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
  const now = options.now ?? Date.now;
  const scheduler = options.scheduler ?? realScheduler;
  // Read before listening: a broken list of help contacts must stop the server, not be served.
  const helpResources = loadHelpResources(config.helpResourcesPath);
  const state =
    config.redisUrl === null
      ? embeddedState({ dataDir: config.dataDir, store: options.store, scheduler, now, logger })
      : await redisState({
          url: config.redisUrl,
          prefix: config.redisPrefix,
          nodeTimeoutMs: config.nodeTimeoutMs,
          scheduler,
          now,
          logger,
        });
  const { store, deadlines, chat, limits, liveness } = state;

  // The app reports connection counts from the Socket.IO server created just below, and
  // calendar files from the schedule made after it.
  let io: EngawaServer | undefined = undefined;
  let schedule: ScheduleService | undefined = undefined;
  const app = createApp({
    staticDirs: config.staticDirs,
    version: packageJson.version,
    store: state.kind,
    circles: () => state.circleCount(),
    connections: () => io?.engine.clientsCount ?? 0,
    helpResources,
    calendar: (id, page) => schedule?.calendar(id, page) ?? Promise.resolve(undefined),
  });
  const httpServer: HttpServer = config.https
    ? createHttpsServer(await ensureCertificate(config.tlsDir, lanAddresses()), app)
    : createHttpServer(app);

  const floodPenalties = limits.cooldown('flood-penalty', config.floodPenaltyMs);
  const codeAttempts = new AttemptLimiter(
    limits.points('code-attempts', config.codeAttempts.attempts, config.codeAttempts.windowS),
  );
  const facilitators = new FacilitatorAccess({
    mode: config.facilitatorAccess,
    keys: state.facilitatorKeys,
    // Keys are guessed no faster than circle codes.
    attempts: new AttemptLimiter(
      limits.points('key-attempts', config.codeAttempts.attempts, config.codeAttempts.windowS),
    ),
    logger,
  });
  const realtimeDeps = {
    config,
    logger,
    now,
    floodPenalties,
    limits,
    liveness,
    storeAvailable: () => state.connected(),
  };
  io = createRealtimeServer(httpServer, realtimeDeps, state.adapter);
  // Services reach people only through these ports, never through Socket.IO itself.
  const notify = new SocketNotifier(io);
  const broadcast = new CircleBroadcaster(notify, now);
  const changes = new CircleChanges({ store, broadcast, logger, now });
  const circles = new CircleService({
    notify,
    audiences: notify,
    store,
    broadcast,
    chat,
    logger,
    now,
    deadlines,
    facilitators,
    codeAttempts,
    memberGraceMs: config.memberGraceMs,
    facilitatorGraceMs: config.facilitatorGraceMs,
    maxCircles: config.maxCircles,
    voice: config.voice,
    floodPenalties,
  });
  const voice = new VoiceService({ notify, changes, logger, now, voice: config.voice });
  const presence = new PresenceService({
    notify,
    changes,
    logger,
    now,
    limits,
    reactionCooldownMs: config.reactionCooldownMs,
  });
  const facilitation = new FacilitationService({
    notify,
    audiences: notify,
    changes,
    store,
    broadcast,
    circles,
    logger,
    now,
  });
  const tables = new TableService({ changes, notify, limits });
  const wordChains = new WordChainService({ changes });
  const piece = new PieceService({ notify, changes, store, broadcast, logger, now, deadlines });
  const conversation = new ConversationService({ notify, broadcast, chat, logger, now, limits });
  const safety = new SafetyService({
    notify,
    store,
    logger,
    now,
    limits,
    helpAlertRepeatMs: config.helpAlertRepeatMs,
  });
  schedule = new ScheduleService({
    gatherings: state.gatherings,
    circleStore: store,
    circles,
    facilitators,
    zone: config.timeZone,
    privateVoice: config.voice.turn !== null,
    guesses: codeAttempts,
    now,
    logger,
  });
  const services = {
    schedule,
    circles,
    voice,
    presence,
    facilitation,
    piece,
    tables,
    wordChains,
    conversation,
    safety,
    facilitators,
    timeZone: config.timeZone,
    balanceMinutes: config.balanceMinutes,
  };
  const disconnects = acceptConnections(io, services, store, realtimeDeps);
  const realtime = io;
  liveness.start({
    // The app's clock may not be the real one (tests move it): count back from its now.
    onLost: ({ connectionId, identity, lastSeenAt }) =>
      circles.disconnected(connectionId, identity, now() - (Date.now() - lastSeenAt)),
    onEvicted: () => {
      realtime.disconnectSockets(true);
    },
  });

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
  logger.info(
    {
      evt: 'server.listening',
      port,
      https: config.https,
      state: state.kind,
      facilitatorAccess: config.facilitatorAccess,
    },
    'listening',
  );

  return {
    url: `${scheme}://localhost:${port}`,
    port,
    io: running,
    circles,
    voice,
    presence,
    facilitation,
    piece,
    conversation,
    safety,
    chat,
    store,
    deadlines,
    state,
    close: async () => {
      state.beforeShutdown();
      piece.dispose();
      conversation.dispose();
      running.disconnectSockets(true);
      const closed = new Promise<void>((resolve) => {
        void running.close(() => {
          resolve();
        });
      });
      // Idle keep-alive connections would otherwise hold the HTTP server open.
      httpServer.closeAllConnections();
      await closed;
      // Seats held in Redis for the people just disconnected are written before it closes.
      await disconnects.settled();
      await liveness.stop(true);
      await state.close();
    },
  };
}
