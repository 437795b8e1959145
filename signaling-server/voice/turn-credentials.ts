import { createHmac } from 'node:crypto';

/**
 * Short-lived TURN credentials in the "TURN REST API" scheme that coturn checks with
 * `use-auth-secret` / `static-auth-secret` (draft-uberti-behave-turn-rest-00):
 *
 *   username   = "<expiry as Unix seconds>:<member id>"
 *   credential = base64(HMAC-SHA1(secret, username))
 *
 * coturn recomputes the credential from the username and refuses it once the expiry has passed,
 * so the server hands out credentials without telling coturn anything, and a leaked pair is
 * worthless within minutes.
 */

/** Longest lifetime we hand out: long enough to set up a call, short enough to be harmless. */
export const MAX_TURN_CREDENTIAL_TTL_S = 600;
/** Shorter than this and credentials could expire while a browser is still gathering. */
export const MIN_TURN_CREDENTIAL_TTL_S = 60;

export interface TurnCredentials {
  username: string;
  credential: string;
  /** When coturn stops accepting them, in Unix seconds. */
  expiresAtS: number;
  /** Seconds from now until then. */
  ttlS: number;
}

/** Keeps a configured lifetime within MIN…MAX; a fraction of a second rounds down. */
export function clampTurnCredentialTtl(ttlS: number): number {
  const whole = Number.isFinite(ttlS) ? Math.floor(ttlS) : MAX_TURN_CREDENTIAL_TTL_S;
  return Math.min(MAX_TURN_CREDENTIAL_TTL_S, Math.max(MIN_TURN_CREDENTIAL_TTL_S, whole));
}

/**
 * Credentials for one member, valid from `nowMs` for `ttlS` seconds (clamped). Pure: the clock
 * comes in as `nowMs`, so the same inputs always give the same credentials.
 */
export function issueTurnCredentials(params: {
  secret: string;
  memberId: string;
  ttlS: number;
  nowMs: number;
}): TurnCredentials {
  const { secret, memberId, nowMs } = params;
  if (secret.length === 0) throw new Error('a TURN secret is required');
  // coturn splits the username at its first ':'; an id holding one would make it unreadable.
  if (memberId.length === 0 || memberId.includes(':')) {
    throw new Error('a member id for TURN must be non-empty and hold no ":"');
  }
  const ttlS = clampTurnCredentialTtl(params.ttlS);
  const expiresAtS = Math.floor(nowMs / 1000) + ttlS;
  const username = `${expiresAtS}:${memberId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAtS, ttlS };
}
