import type { TakingPart } from '../../shared/circle/taking-part';
/**
 * Integration-test harness: starts the real signaling server on port 0 and connects real
 * Socket.IO clients to it. Every wait is on an event with a deadline, never on a sleep, and
 * everything a test opens is closed after it.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { PieceMode } from '../../shared/circle/facilitation';
import type { EnteredCircle, WaitingView } from '../../shared/circle/views';
import type { Ack } from '../../shared/protocol/ack';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { ClientEventName, ClientToServerEvents } from '../../shared/protocol/client-events';
import type { KnockAdmission } from '../../shared/protocol/server-events';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { Scheduler } from '../../shared/time/time';
import { defaultConfig, type ServerConfig, type VoicePolicy } from '../../signaling-server/config';
import { createLogger } from '../../signaling-server/logger';
import { startServer, type RunningServer } from '../../signaling-server/server';
import { closePhasePassed } from './close-phase';
import { ConnectionTracker } from './connection-tracker';
import { unpackAnswer, ViewTracker, type TestServerEvents, type UnpackedAck } from './view-tracker';

export type TestSocket = Socket<TestServerEvents, ClientToServerEvents>;
export type ServerEventName = keyof TestServerEvents;
export type ServerPayload<E extends ServerEventName> = Parameters<TestServerEvents[E]>[0];

/** Every test socket's rebuilt circle view (see view-tracker.ts). */
const trackers = new WeakMap<TestSocket, ViewTracker>();

/** How many times this socket found a delta missing and fetched the whole view. */
export function viewGaps(socket: TestSocket): number {
  return trackers.get(socket)?.gaps ?? 0;
}
export type ClientPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
/** An answer as tests read it: views unpacked (see `unpackAnswer`). */
export type AckOf<E extends ClientEventName> = UnpackedAck<
  Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]
>;

/** How long any single expected event may take on loopback before the test fails. */
export const EVENT_TIMEOUT_MS = 3_000;

/** How long closing waits for a client's close handshake before cutting its connection. */
const CLIENT_CLOSE_TIMEOUT_MS = 1_000;

/** Loosely typed views of a client socket, for sending what the typed maps forbid. */
interface RawEmitter {
  emit(event: string, ...args: unknown[]): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  timeout(ms: number): RawEmitter;
}

function raw(socket: TestSocket): RawEmitter {
  return socket as unknown as RawEmitter;
}

/** A scheduler the harness can empty when it closes, reporting what was still pending. */
export interface TestScheduler extends Scheduler {
  readonly pending: number;
  clearAll(): number;
}

/**
 * A scheduler that remembers what it has pending, so the harness can prove (and guarantee) that
 * nothing the server scheduled outlives the test.
 */
export class TrackingScheduler implements TestScheduler {
  private readonly live = new Set<NodeJS.Timeout>();

  set(callback: () => void, ms: number): unknown {
    const handle = setTimeout(() => {
      this.live.delete(handle);
      callback();
    }, ms);
    this.live.add(handle);
    return handle;
  }

  clear(handle: unknown): void {
    clearTimeout(handle as NodeJS.Timeout);
    this.live.delete(handle as NodeJS.Timeout);
  }

  get pending(): number {
    return this.live.size;
  }

  /** Cancels whatever is left; returns how many timers that was. */
  clearAll(): number {
    const left = this.live.size;
    for (const handle of this.live) clearTimeout(handle);
    this.live.clear();
    return left;
  }
}

export interface ConnectOptions {
  protocolVersion?: unknown;
  extraHeaders?: Record<string, string>;
  /** Leave the `auth` object out of the handshake entirely. */
  omitAuth?: boolean;
  /** Which node to connect to (0 is node A); clients take turns unless told. */
  node?: number;
  /** A server this harness did not start (another process), by its base URL. */
  url?: string;
}

/**
 * One server, or two nodes sharing one Redis (the two-node test run). With two, clients take
 * turns: the first (usually the facilitator) connects to node A, the next to node B, and so
 * on, so every scenario crosses nodes. `server` is node A.
 */
export class Harness {
  private readonly sockets = new Set<TestSocket>();
  /** Every client's connection, to wait in `close` until each has really closed. */
  private readonly connections = new ConnectionTracker();
  /** Timers the server still had pending when the harness closed it (should be none). */
  timersLeftAfterClose = 0;
  private closed = false;
  private opened = 0;

  constructor(
    readonly nodes: readonly [RunningServer, ...RunningServer[]],
    readonly scheduler: TestScheduler,
    /** Removes what the harness made for itself (its data folder). */
    private readonly afterClose?: () => void,
  ) {}

  get server(): RunningServer {
    return this.nodes[0];
  }

  /** Node A's loopback address; the server binds 127.0.0.1, so connect there directly. */
  get baseUrl(): string {
    return nodeUrl(this.server);
  }

  /** Opens a client without waiting; the caller waits for `connect` or `connect_error`. */
  open(options: ConnectOptions = {}): TestSocket {
    const node = this.nodes[options.node ?? this.opened++ % this.nodes.length] ?? this.server;
    return this.openAt(options.url ?? nodeUrl(node), options);
  }

  private openAt(url: string, options: ConnectOptions): TestSocket {
    const socket: TestSocket = connectSocket(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      // engine.io-client types `agent` as string | boolean, but hands it to ws as the
      // http.Agent for the upgrade request, as its docs say.
      agent: this.connections as unknown as string,
      ...(options.omitAuth
        ? {}
        : {
            auth: {
              protocolVersion:
                'protocolVersion' in options ? options.protocolVersion : PROTOCOL_VERSION,
            },
          }),
      ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    });
    this.sockets.add(socket);
    trackers.set(
      socket,
      new ViewTracker(
        socket,
        () => request(socket, 'circle:sync', {}),
        () => request(socket, 'waiting:sync', {}),
      ),
    );
    return socket;
  }

  /** Opens a client and resolves once the server has accepted it. */
  async connect(options: ConnectOptions = {}): Promise<TestSocket> {
    const socket = this.open(options);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error('timed out connecting'));
      }, EVENT_TIMEOUT_MS);
      const onConnect = () => {
        cleanup();
        resolve();
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        clearTimeout(timer);
        socket.off('connect', onConnect);
        socket.off('connect_error', onError);
      };
      socket.on('connect', onConnect);
      socket.on('connect_error', onError);
    });
    return socket;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const socket of this.sockets) socket.disconnect();
    this.sockets.clear();
    // Asked to close is not closed: each connection ends its WebSocket close handshake (and
    // the 30 s timer ws keeps for it) only a moment later. Waiting for it leaves nothing of
    // the clients alive once the test file is over.
    await this.connections.allClosed(CLIENT_CLOSE_TIMEOUT_MS);
    await Promise.all(this.nodes.map((node) => node.close()));
    this.timersLeftAfterClose = this.scheduler.clearAll();
    this.afterClose?.();
    // The nodes' listening sockets are released a moment after their 'close'.
    await closePhasePassed();
  }
}

function nodeUrl(server: RunningServer): string {
  return `http://127.0.0.1:${server.port}`;
}

/** A voice policy with a TURN server, for `startHarness({ voice: withTurn() })`. */
export function withTurn(overrides: Partial<VoicePolicy> = {}): VoicePolicy {
  return {
    stunUrls: [],
    turn: {
      urls: [
        'turn:turn.engawa.test:3478?transport=udp',
        'turn:turn.engawa.test:3478?transport=tcp',
      ],
      secret: 'test-secret-not-for-production',
    },
    credentialTtlS: 600,
    ...overrides,
  };
}

/** Short grace times and a generous code-guess budget, so tests only hit limits on purpose. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...defaultConfig(),
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    staticDirs: [],
    memberGraceMs: 30_000,
    facilitatorGraceMs: 60_000,
    codeAttempts: { attempts: 1_000, windowS: 60 },
    // Suites open many short-lived guest sockets that send a lot; flood tests set their own.
    guestFlood: { burst: 1_000, perSecond: 1_000 },
    // Every suite connects from 127.0.0.1, often hundreds of times.
    connectionsPerMinute: 1_000_000,
    // A folder of its own, never the checkout's .engawa, and never another test file's: jest
    // runs many files in one worker process. Its SQLite file appears only if used.
    dataDir: path.join(tmpdir(), `engawa-test-${randomBytes(6).toString('hex')}`),
    ...overrides,
  };
}

/** What a test may inject besides configuration. */
export interface HarnessOptions {
  /** The server's clock (flood guard, reaction pacing, timestamps); the real one by default. */
  now?: () => number;
  /**
   * A clock that also runs the server's timers (grace periods, the share timer): they fire
   * only when the test advances it. Implies `now`.
   */
  clock?: ManualClock;
  /** Collects every log line the server writes (at debug level), to check what is logged. */
  logs?: string[];
}

/**
 * The Redis every harness of this test file shares, set by the two-node run's setup
 * (two-nodes-setup.ts); unset, each harness is one server with everything in memory.
 */
let sharedRedisUrl: string | undefined;
let prefixes = 0;

export function useSharedRedis(url: string | undefined): void {
  sharedRedisUrl = url;
}

export async function startHarness(
  overrides: Partial<ServerConfig> = {},
  options: HarnessOptions = {},
): Promise<Harness> {
  const scheduler: TestScheduler = options.clock ?? new TrackingScheduler();
  // A data folder the test did not choose is the harness's own, removed when it closes.
  const dataDir = overrides.dataDir ?? testConfig().dataDir;
  const cleanup =
    overrides.dataDir === undefined
      ? () => {
          rmSync(dataDir, { recursive: true, force: true });
        }
      : undefined;
  if (sharedRedisUrl === undefined || overrides.redisUrl !== undefined) {
    const config = testConfig({ dataDir, ...overrides });
    return new Harness([await startNode(config, scheduler, options)], scheduler, cleanup);
  }
  // Keys of their own, so no test sees another's circles.
  const config = testConfig({
    redisUrl: sharedRedisUrl,
    redisPrefix: `t${process.pid}.${++prefixes}:`,
    dataDir,
    ...overrides,
  });
  const a = await startNode(config, scheduler, options);
  const b = await startNode(config, scheduler, options).catch(async (error: unknown) => {
    await a.close();
    throw error;
  });
  return new Harness([a, b], scheduler, cleanup);
}

function startNode(
  config: ServerConfig,
  scheduler: TestScheduler,
  options: HarnessOptions,
): Promise<RunningServer> {
  const now = options.clock?.now ?? options.now;
  const logs = options.logs;
  return startServer(config, {
    scheduler,
    ...(now ? { now } : {}),
    ...(logs
      ? {
          logger: createLogger('debug', {
            write: (line: string) => {
              logs.push(line);
            },
          }),
        }
      : {}),
  });
}

/**
 * A clock that stands still until a test moves it, for rules that count time. Given to the
 * harness as `now`, only what the server reads as "now" is under the test's control; given as
 * `clock`, the server's timers also wait for `advance`, which runs every timer that falls due,
 * in order.
 */
export class ManualClock implements TestScheduler {
  private t: number;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private nextHandle = 1;

  constructor(start = 1_700_000_000_000) {
    this.t = start;
  }

  readonly now = (): number => this.t;

  advance(ms: number): void {
    this.t += ms;
    for (;;) {
      let due: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.timers) {
        if (entry[1].at <= this.t && (!due || entry[1].at < due[1].at)) due = entry;
      }
      if (!due) return;
      this.timers.delete(due[0]);
      due[1].callback();
    }
  }

  set(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.t + Math.max(0, ms), callback });
    return handle;
  }

  clear(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  clearAll(): number {
    const left = this.timers.size;
    this.timers.clear();
    return left;
  }
}

/**
 * Registers an `afterEach` that closes every server (and its clients) a test started, and
 * returns the function tests use to start one.
 */
export function useServers(): (
  overrides?: Partial<ServerConfig>,
  options?: HarnessOptions,
) => Promise<Harness> {
  const running: Harness[] = [];
  afterEach(async () => {
    const all = running.splice(0);
    await Promise.all(all.map((h) => h.close()));
  });
  return async (overrides, options) => {
    const harness = await startHarness(overrides, options);
    running.push(harness);
    return harness;
  };
}

// ---------------------------------------------------------------------------------------------
// Waiting on events
// ---------------------------------------------------------------------------------------------

/** Resolves with the first `event` whose payload satisfies `predicate`; rejects after a deadline. */
export function waitForEvent<E extends ServerEventName>(
  socket: TestSocket,
  event: E,
  predicate: (payload: ServerPayload<E>) => boolean = () => true,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<ServerPayload<E>> {
  return waitForRawEvent(socket, event, (p) => predicate(p as ServerPayload<E>), timeoutMs).then(
    (p) => p as ServerPayload<E>,
  );
}

/**
 * Like waitForEvent for any event name, including client-side ones such as `connect_error`.
 * Rejects early if the socket disconnects first, since nothing can arrive after that.
 */
export function waitForRawEvent(
  socket: TestSocket,
  event: string,
  predicate: (payload: unknown) => boolean = () => true,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<unknown> {
  const emitter = raw(socket);
  const waiting = new Promise<unknown>((resolve, reject) => {
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      emitter.off(event, listener);
      emitter.off('disconnect', onDisconnect);
      outcome();
    };
    const timer = setTimeout(() => {
      finish(() => {
        reject(new Error(`timed out after ${timeoutMs} ms waiting for "${event}"`));
      });
    }, timeoutMs);
    const listener = (...args: unknown[]) => {
      const payload = args[0];
      if (predicate(payload)) {
        finish(() => {
          resolve(payload);
        });
      }
    };
    const onDisconnect = (reason: unknown) => {
      finish(() => {
        reject(new Error(`disconnected (${String(reason)}) while waiting for "${event}"`));
      });
    };
    emitter.on(event, listener);
    if (event !== 'disconnect') emitter.on('disconnect', onDisconnect);
  });
  // A wait left behind by a test that already failed must not surface later as an unhandled
  // rejection; whoever awaits it still sees the error.
  waiting.catch(() => undefined);
  return waiting;
}

/** Resolves with the client-side reason once the socket is disconnected. */
export function waitForDisconnect(
  socket: TestSocket,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<string> {
  if (socket.disconnected && !socket.active) return Promise.resolve('already disconnected');
  return waitForRawEvent(socket, 'disconnect', () => true, timeoutMs).then((r) => String(r));
}

/** Everything a socket receives from now on, in order, for "nothing else arrived" checks. */
export interface Received {
  event: string;
  payload: unknown;
}

export function recordEvents(socket: TestSocket): Received[] {
  const log: Received[] = [];
  socket.onAny((event: string, ...args: unknown[]) => {
    log.push({ event, payload: args[0] });
  });
  return log;
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/** Sends a typed request and resolves with its acknowledgement. */
export function request<E extends ClientEventName>(
  socket: TestSocket,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<AckOf<E>> {
  return rawRequest(socket, event, [payload], timeoutMs) as Promise<AckOf<E>>;
}

/** Sends any event with any arguments (an ack is appended) and resolves with the ack. */
export function rawRequest(
  socket: TestSocket,
  event: string,
  args: readonly unknown[],
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<Ack<unknown>> {
  return new Promise((resolve, reject) => {
    raw(socket)
      .timeout(timeoutMs)
      .emit(event, ...args, (error: unknown, result: unknown) => {
        // Socket.IO answers a timeout or a dropped connection with an Error here.
        if (error) {
          const why = error instanceof Error ? error.message : JSON.stringify(error);
          reject(new Error(`no acknowledgement for "${event}": ${why}`));
          return;
        }
        const answer = unpackAnswer(event, result as Ack<unknown>);
        trackers.get(socket)?.answered(event, answer);
        resolve(answer);
      });
  });
}

/** Fire and forget, with no acknowledgement callback at all. */
export function rawEmit(socket: TestSocket, event: string, ...args: unknown[]): void {
  raw(socket).emit(event, ...args);
}

export function expectOk<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got error "${ack.error.code}"`);
  return ack.data;
}

export function expectError(ack: Ack<unknown>, code: ErrorCode): void {
  expect(ack).toEqual({ ok: false, error: expect.objectContaining({ code }) as unknown });
}

// ---------------------------------------------------------------------------------------------
// Circle flows
// ---------------------------------------------------------------------------------------------

export interface Facilitator {
  socket: TestSocket;
  entered: EnteredCircle;
  code: string;
  memberId: string;
  resumeToken: string;
}

/** Ground rules the test circles start with unless a test gives its own. */
export const TEST_RULES = ['ここで聞いたことはここに置いていく', 'Speak from your own experience'];

/** A fresh device token, as a browser keeps in `engawa.device`. */
export function newDevice(): string {
  return randomBytes(18).toString('base64url');
}

export async function createCircle(
  harness: Harness,
  input: {
    title?: string;
    topic?: string;
    rules?: string[];
    shareTimeS?: number;
    pieceMode?: PieceMode;
    capacity?: number;
    name?: string;
    privateVoice?: boolean;
    color?: number;
    /** Needed where the server runs with `facilitatorAccess: 'keys'`. */
    facilitatorKey?: string;
    /** A node this harness did not start, by its base URL. */
    url?: string;
  } = {},
): Promise<Facilitator> {
  const socket = await harness.connect(input.url === undefined ? {} : { url: input.url });
  const entered = expectOk(
    await request(socket, 'circle:create', {
      title: input.title ?? '夜の縁側',
      rules: input.rules ?? TEST_RULES,
      capacity: input.capacity ?? 6,
      name: input.name ?? 'ひろし',
      ...(input.topic === undefined ? {} : { topic: input.topic }),
      ...(input.shareTimeS === undefined ? {} : { shareTimeS: input.shareTimeS }),
      ...(input.pieceMode === undefined ? {} : { pieceMode: input.pieceMode }),
      ...(input.privateVoice === undefined ? {} : { privateVoice: input.privateVoice }),
      ...(input.color === undefined ? {} : { color: input.color }),
      ...(input.facilitatorKey === undefined ? {} : { facilitatorKey: input.facilitatorKey }),
    }),
  );
  return {
    socket,
    entered,
    code: entered.circle.code,
    memberId: entered.self.memberId,
    resumeToken: entered.self.resumeToken,
  };
}

export interface Knocker {
  socket: TestSocket;
  waitingId: string;
  /** Takes the knock back from another connection (`knock:resume`). */
  waitingToken: string;
  /** The device token it knocked with. */
  device: string;
  /** The facilitator's waiting list once it showed this knock. */
  waitingList: WaitingView[];
}

/** What a person may choose in the lobby besides their name, and the browser they use. */
export interface LobbyChoices {
  color?: number;
  /** The browser's device token; a fresh one (a new browser) unless given. */
  device?: string;
  takingPart?: TakingPart;
}

/** A valid `circle:knock` payload: the rules accepted, from a fresh browser unless told. */
export function knockPayload(
  code: string,
  name: string,
  choices: LobbyChoices = {},
): ClientPayload<'circle:knock'> {
  return {
    code,
    name,
    acceptedRules: true,
    device: choices.device ?? newDevice(),
    ...(choices.color === undefined ? {} : { color: choices.color }),
    ...(choices.takingPart === undefined ? {} : { takingPart: choices.takingPart }),
  };
}

/** Knocks on `facilitator`'s circle from `socket` (a new client unless given). */
export async function knock(
  harness: Harness,
  facilitator: Facilitator,
  name: string,
  socket?: TestSocket,
  choices: LobbyChoices = {},
): Promise<Knocker> {
  const knocker = socket ?? (await harness.connect());
  const listed = waitForEvent(facilitator.socket, 'waiting:state', (list) =>
    list.some((w) => w.name === name),
  );
  const device = choices.device ?? newDevice();
  const { waitingId, waitingToken } = expectOk(
    await request(
      knocker,
      'circle:knock',
      knockPayload(facilitator.code, name, { ...choices, device }),
    ),
  );
  const waitingList = await listed;
  return { socket: knocker, waitingId, waitingToken, device, waitingList };
}

/** What `knock:resume` sends to take this knock back from another connection. */
export function knockResumePayload(facilitator: Pick<Facilitator, 'code'>, knocker: Knocker) {
  return {
    code: facilitator.code,
    waitingId: knocker.waitingId,
    waitingToken: knocker.waitingToken,
  };
}

export interface Participant {
  socket: TestSocket;
  /** The device token it knocked with. */
  device: string;
  admission: KnockAdmission;
  entered: EnteredCircle;
  memberId: string;
  resumeToken: string;
}

/** Admits a knock and has the participant take the seat with `circle:resume`. */
export async function admit(
  facilitator: Pick<Facilitator, 'socket'>,
  knocker: Knocker,
): Promise<Participant> {
  const admitted = waitForEvent(knocker.socket, 'knock:admitted');
  expectOk(await request(facilitator.socket, 'waiting:admit', { waitingId: knocker.waitingId }));
  const admission = await admitted;
  const entered = expectOk(
    await request(knocker.socket, 'circle:resume', {
      code: admission.code,
      resumeToken: admission.resumeToken,
    }),
  );
  return {
    socket: knocker.socket,
    device: knocker.device,
    admission,
    entered,
    memberId: entered.self.memberId,
    resumeToken: entered.self.resumeToken,
  };
}

/** Knock + admit + resume, waiting until the facilitator sees the new member connected. */
export async function join(
  harness: Harness,
  facilitator: Facilitator,
  name: string,
  choices: LobbyChoices = {},
): Promise<Participant> {
  const seen = waitForEvent(facilitator.socket, 'circle:state', (state) =>
    state.members.some((m) => m.name === name && m.connected),
  );
  const participant = await admit(
    facilitator,
    await knock(harness, facilitator, name, undefined, choices),
  );
  await seen;
  return participant;
}

/** Proves the server still serves a fresh client end to end: create, knock, admit, resume. */
export async function expectServerHealthy(harness: Harness): Promise<void> {
  const facilitator = await createCircle(harness, { name: '確認係' });
  const participant = await join(harness, facilitator, 'けんこう');
  expect(participant.entered.circle.members.map((m) => m.name)).toEqual(['確認係', 'けんこう']);
}
