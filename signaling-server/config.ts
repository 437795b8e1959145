import { existsSync } from 'node:fs';
import path from 'node:path';
import { Timing } from '../shared/protocol/limits';

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
  flood: FloodPolicy;
  codeAttempts: CodeAttemptPolicy;
  maxCircles: number;
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
    codeAttempts: { attempts: 10, windowS: 60 },
    // Bounds memory against scripted circle creation; far above one server's real load.
    maxCircles: 10_000,
  };
}

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true' || value === 'yes';
}

/** Reads PORT, HOST, HTTPS, ALLOWED_ORIGINS, TRUST_PROXY, LOG_LEVEL and `--https`. */
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
  if (env.ALLOWED_ORIGINS) {
    config.allowedOrigins = env.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0);
  }
  if (env.TLS_DIR) config.tlsDir = path.resolve(env.TLS_DIR);
  config.trustProxy = flag(env.TRUST_PROXY);
  config.logLevel = env.LOG_LEVEL ?? config.logLevel;
  return config;
}
