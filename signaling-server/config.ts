import { existsSync } from 'node:fs';
import path from 'node:path';
import { Timing } from '../shared/protocol/limits';
import type { FacilitatorAccessMode } from './facilitators/facilitator-access';
import { isTimeZone } from './schedule/zoned-time';
import {
  clampTurnCredentialTtl,
  MAX_TURN_CREDENTIAL_TTL_S,
  MIN_TURN_CREDENTIAL_TTL_S,
} from './voice/turn-credentials';

export interface FloodPolicy {
  /** Messages a socket may send in one burst. */
  burst: number;
  /** Sustained messages per second. */
  perSecond: number;
}

export interface CodeAttemptPolicy {
  /** Wrong circle codes allowed per client address within `windowS`. */
  attempts: number;
  windowS: number;
}

/** A TURN server that accepts coturn's `use-auth-secret` (TURN REST API) credentials. */
export interface TurnServerConfig {
  /** `turn:` or `turns:` URLs, e.g. `turn:turn.example.org:3478?transport=udp`. */
  urls: string[];
  /** coturn's `static-auth-secret`; it never leaves the server. */
  secret: string;
}

export interface VoicePolicy {
  /** `stun:` URLs handed to browsers. None by default: the app makes no third-party requests. */
  stunUrls: string[];
  /** Null when no TURN server is configured; private (relay-only) circles then need one. */
  turn: TurnServerConfig | null;
  /** Lifetime of the TURN credentials handed out, in seconds (at most 600). */
  credentialTtlS: number;
}

export interface ServerConfig {
  port: number;
  host: string;
  https: boolean;
  /** Where the self-signed certificate is kept between runs. */
  tlsDir: string;
  /** Origins allowed to open a socket besides the page's own. */
  allowedOrigins: string[];
  trustProxy: boolean;
  /** Folders served as static files, first match wins. */
  staticDirs: string[];
  logLevel: string;
  memberGraceMs: number;
  facilitatorGraceMs: number;
  pingIntervalMs: number;
  pingTimeoutMs: number;
  /** What a seated member may send: enough for a full mesh's signalling. */
  flood: FloodPolicy;
  /** What a socket may send before it is seated (lobby, waiting room): far less. */
  guestFlood: FloodPolicy;
  /** A member cut off for flooding cannot take their seat back for this long. */
  floodPenaltyMs: number;
  /** New Socket.IO connections one client address may open per minute. */
  connectionsPerMinute: number;
  codeAttempts: CodeAttemptPolicy;
  maxCircles: number;
  voice: VoicePolicy;
  /** Shortest time between two reactions from one member. */
  reactionCooldownMs: number;
  /** A repeated help alert from one member within this time is not passed on again. */
  helpAlertRepeatMs: number;
  /** The JSON file of help resources served at `/help-resources`, checked at start. */
  helpResourcesPath: string;
  /** Redis shared by every node; null keeps everything in this process (one node). */
  redisUrl: string | null;
  /** Prefix of every Redis key, so one Redis can serve several deployments. */
  redisPrefix: string;
  /** With Redis: how long a node may be silent before the others let its seats go. */
  nodeTimeoutMs: number;
  /** Who may start a circle: anyone (`open`) or only holders of a facilitator key (`keys`). */
  facilitatorAccess: FacilitatorAccessMode;
  /** Where the embedded default keeps what outlives a restart (one SQLite file). */
  dataDir: string;
  /** The operator's time zone (IANA), whose clock gatherings are scheduled on. */
  timeZone: string;
  /**
   * After this many minutes in Engawa on one day, a browser shows a gentle note suggesting a
   * break, once; null for never. Each person may change it for their own browser.
   */
  balanceMinutes: number | null;
}

/** The checkout's root, found from this file whether it runs from source or from dist/server. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return dir;
}

const root = projectRoot();

export function defaultConfig(): ServerConfig {
  return {
    port: 8080,
    host: '127.0.0.1',
    https: false,
    tlsDir: path.join(root, '.engawa', 'tls'),
    allowedOrigins: [],
    trustProxy: false,
    staticDirs: [path.join(root, 'dist', 'client'), path.join(root, 'public')],
    logLevel: 'info',
    memberGraceMs: Timing.memberGraceMs,
    facilitatorGraceMs: Timing.facilitatorGraceMs,
    pingIntervalMs: Timing.pingIntervalMs,
    pingTimeoutMs: Timing.pingTimeoutMs,
    // A 12-seat mesh trickles ~100 signals in the first second of a join; a flood is far more.
    flood: { burst: 240, perSecond: 60 },
    // Before a seat: a few previews while a code is typed, a knock, a resume.
    guestFlood: { burst: 40, perSecond: 4 },
    // Long enough that cut, resume, flood again is no way round the bucket; a page that was
    // cut off does not try to resume at all.
    floodPenaltyMs: 10_000,
    // Two a second on average: a group behind one address arriving at once, with reloads.
    connectionsPerMinute: 120,
    codeAttempts: { attempts: 10, windowS: 60 },
    // Bounds memory against scripted circle creation; far above one server's real load.
    maxCircles: 10_000,
    // Host candidates are enough on a LAN or one machine; anything else needs TURN configured.
    voice: { stunUrls: [], turn: null, credentialTtlS: MAX_TURN_CREDENTIAL_TTL_S },
    // Quick enough for a nod after each sentence, too slow to fill the circle with hearts.
    reactionCooldownMs: 700,
    // The hosts were just told; telling them again every second would drown their screen.
    helpAlertRepeatMs: 30_000,
    helpResourcesPath: path.join(root, 'config', 'help-resources.example.json'),
    redisUrl: null,
    redisPrefix: 'engawa:',
    // Far longer than a heartbeat (1 s), and well inside a member's 30 s seat hold.
    nodeTimeoutMs: 10_000,
    // Only this machine can reach the default server, so whoever opens it is its operator.
    facilitatorAccess: 'open',
    dataDir: path.join(root, '.engawa'),
    timeZone: 'Asia/Tokyo',
    balanceMinutes: 120,
  };
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/i;

/**
 * Open only where nobody else can reach the page: plain HTTP on a loopback address. HTTPS is
 * for a headset on the network, and any other address lets the network in.
 */
export function defaultFacilitatorAccess(host: string, https: boolean): FacilitatorAccessMode {
  return !https && LOOPBACK.test(host) ? 'open' : 'keys';
}

function loadFacilitatorAccess(
  value: string | undefined,
  host: string,
  https: boolean,
): FacilitatorAccessMode {
  const mode = value?.trim().toLowerCase();
  if (mode === undefined || mode === '') return defaultFacilitatorAccess(host, https);
  if (mode !== 'open' && mode !== 'keys') {
    throw new Error(`FACILITATOR_ACCESS must be "open" or "keys", got "${value}"`);
  }
  return mode;
}

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true' || value === 'yes';
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

function urlsWithScheme(name: string, value: string | undefined, schemes: RegExp): string[] {
  const urls = list(value);
  const wrong = urls.find((url) => !schemes.test(url));
  if (wrong !== undefined) {
    throw new Error(
      `${name} must be a comma-separated list of ${schemes.source} URLs, got "${wrong}"`,
    );
  }
  return urls;
}

/** TURN_URLS, TURN_SECRET, TURN_TTL_S and STUN_URLS; see the README's "Voice and TURN". */
function loadVoicePolicy(env: NodeJS.ProcessEnv): VoicePolicy {
  const voice = defaultConfig().voice;
  voice.stunUrls = urlsWithScheme('STUN_URLS', env.STUN_URLS, /^stuns?:/);
  const turnUrls = urlsWithScheme('TURN_URLS', env.TURN_URLS, /^turns?:/);
  const secret = env.TURN_SECRET ?? '';
  if (turnUrls.length > 0 !== secret.length > 0) {
    throw new Error('TURN_URLS and TURN_SECRET must be set together');
  }
  if (turnUrls.length > 0) voice.turn = { urls: turnUrls, secret };
  if (env.TURN_TTL_S !== undefined) {
    const ttl = /^\d{1,9}$/.test(env.TURN_TTL_S.trim()) ? Number(env.TURN_TTL_S) : NaN;
    if (!Number.isInteger(ttl) || ttl < MIN_TURN_CREDENTIAL_TTL_S) {
      throw new Error(
        `TURN_TTL_S must be a whole number of seconds, at least ${MIN_TURN_CREDENTIAL_TTL_S}, got "${env.TURN_TTL_S}"`,
      );
    }
    voice.credentialTtlS = clampTurnCredentialTtl(ttl);
  }
  return voice;
}

/**
 * Reads PORT, HOST, HTTPS, ALLOWED_ORIGINS, TRUST_PROXY, CONNECTIONS_PER_MINUTE, LOG_LEVEL, the
 * voice settings (TURN_URLS, TURN_SECRET, TURN_TTL_S, STUN_URLS), HELP_RESOURCES, REDIS_URL,
 * REDIS_PREFIX, FACILITATOR_ACCESS, DATA_DIR, TIME_ZONE, BALANCE_MINUTES and `--https`.
 * Throws on a value it cannot use (the help resources file itself is read and checked when the server starts).
 */
export function loadConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): ServerConfig {
  const config = defaultConfig();
  config.https = argv.includes('--https') || flag(env.HTTPS);
  // A headset on the LAN must reach the HTTPS server; plain HTTP stays on this machine.
  const host = env.HOST?.trim();
  config.host = host ? host : config.https ? '0.0.0.0' : config.host;
  if (env.PORT !== undefined) {
    const port = /^\d{1,5}$/.test(env.PORT.trim()) ? Number(env.PORT) : NaN;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
    }
    config.port = port;
  }
  if (env.ALLOWED_ORIGINS) config.allowedOrigins = list(env.ALLOWED_ORIGINS);
  if (env.TLS_DIR) config.tlsDir = path.resolve(env.TLS_DIR);
  config.trustProxy = flag(env.TRUST_PROXY);
  if (env.CONNECTIONS_PER_MINUTE !== undefined) {
    const raw = env.CONNECTIONS_PER_MINUTE.trim();
    const perMinute = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(perMinute) || perMinute < 1) {
      throw new Error(
        `CONNECTIONS_PER_MINUTE must be a whole number of at least 1, got "${env.CONNECTIONS_PER_MINUTE}"`,
      );
    }
    config.connectionsPerMinute = perMinute;
  }
  config.logLevel = env.LOG_LEVEL ?? config.logLevel;
  config.voice = loadVoicePolicy(env);
  const help = env.HELP_RESOURCES?.trim();
  if (help) config.helpResourcesPath = path.resolve(help);
  const redisUrl = env.REDIS_URL?.trim();
  if (redisUrl) {
    if (!/^rediss?:\/\//.test(redisUrl)) {
      throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
    }
    config.redisUrl = redisUrl;
  }
  const prefix = env.REDIS_PREFIX?.trim();
  if (prefix !== undefined && prefix !== '') {
    if (!/^[\w.:-]{1,64}$/.test(prefix)) {
      throw new Error(`REDIS_PREFIX may hold only letters, digits and _.:- (64 at most)`);
    }
    config.redisPrefix = prefix;
  }
  config.facilitatorAccess = loadFacilitatorAccess(
    env.FACILITATOR_ACCESS,
    config.host,
    config.https,
  );
  const dataDir = env.DATA_DIR?.trim();
  if (dataDir) config.dataDir = path.resolve(dataDir);
  const zone = env.TIME_ZONE?.trim();
  if (zone) {
    if (!isTimeZone(zone)) {
      throw new Error(`TIME_ZONE must be an IANA time zone such as Asia/Tokyo, got "${zone}"`);
    }
    config.timeZone = zone;
  }
  const balance = env.BALANCE_MINUTES?.trim();
  if (balance) {
    const minutes = /^\d{1,4}$/.test(balance) ? Number(balance) : NaN;
    if (!(minutes >= 0 && minutes <= 1440)) {
      throw new Error(`BALANCE_MINUTES must be minutes from 0 (off) to 1440, got "${balance}"`);
    }
    config.balanceMinutes = minutes === 0 ? null : minutes;
  }
  return config;
}
